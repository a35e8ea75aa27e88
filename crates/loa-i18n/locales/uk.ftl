# loa — сайт для читачів, українська.

## Site frame

site-name = Loa — новини з В'єтнаму
site-tagline = Новини В'єтнаму вашою мовою
skip-to-content = Перейти до основного вмісту
nav-label = Розділи
nav-home = Головна
language-switcher-label = Читати цю сторінку іншою мовою
footer-text = Loa передруковує матеріали в'єтнамських видань і до кожної статті дає посилання на джерело. Машинні переклади позначено, вони можуть містити помилки.
meta-description-home = Найсвіжіші новини з В'єтнаму в перекладі вашою мовою.

## Sections

category-news = Новини
category-political-system = Політична система
category-local = Регіони
category-heritage = Спадщина
category-figures = Постаті
category-business = Економіка
category-product = Продукція
category-travel = Подорожі
category-video = Відео

## Front page and lists

home-latest = Останні новини
home-empty = Цією мовою ще не опубліковано жодної статті.
list-empty = У цьому розділі поки немає статей.
author-heading = Статті автора: { $author }
pagination-label = Сторінки
pagination-previous = Попередня сторінка
pagination-next = Наступна сторінка
pagination-page-of = Сторінка { $page } з { $pages }

## Article page

article-published = Опубліковано
article-updated = Оновлено
article-places = Місця
article-by = Автор: { $author }
article-source = Джерело: { $outlet }
article-machine-translation = Цю статтю перекладено машинним перекладом.
article-original-language = Мова оригіналу: { $language }
comments-heading = { $count ->
    [one] { $count } коментар
    [few] { $count } коментарі
    [many] { $count } коментарів
   *[other] { $count } коментаря
}
comments-empty = Коментарів поки немає. Поділіться своєю думкою першим.
comment-form-heading = Залишити коментар
comment-form-name = Ваше ім'я
comment-form-body = Ваш коментар
comment-form-hint = Коментарі з'являються після того, як їх прочитає модератор. Не більше { $max } символів.
comment-form-submit = Надіслати коментар
comment-form-trap = Залиште це поле порожнім.
comment-form-thanks = Дякуємо! Ваш коментар з'явиться після того, як його прочитає модератор.
comment-form-invalid = Вкажіть ім'я та напишіть коментар, не довший за { $max } символів.
comment-form-throttled = Ви надіслали кілька коментарів за короткий час. Зачекайте, будь ласка, кілька хвилин.
related-same-topic = На ту саму тему
related-same-topic-empty = Інших статей на цю тему поки немає.
related-same-category = Ще в цьому розділі
related-same-category-empty = Інших статей у цьому розділі поки немає.
related-same-author = Інші статті автора
related-same-author-empty = Інших статей цього автора поки немає.
videos-heading = Відеоматеріали
videos-empty = Відео немає.
video-link = Дивитися відео: { $title }
video-play = Відтворити: { $title }
video-loads-from = Під час відтворення відео завантажується з { $host }.
video-back = До статті
article-unavailable = Ця стаття недоступна цією мовою.
article-available-in = Її можна прочитати такими мовами:

## Search

search-label = Пошук на сайті
search-placeholder = Імена, місця, теми…
search-button = Шукати
search-heading = Пошук
search-results = { $count ->
    [one] Знайдено { $count } статтю
    [few] Знайдено { $count } статті
    [many] Знайдено { $count } статей
   *[other] Знайдено { $count } статті
}
search-no-results = За вашим запитом нічого не знайдено. Спробуйте інші або коротші слова.
search-prompt = Введіть ім'я, місце чи тему, щоб знайти статті.
search-refine = Уточнити результати
search-facet-category = Рубрика
search-facet-lang = Мова
search-facet-author = Автор
search-facet-place = Місце
search-sort-label = Порядок
search-sort-relevance = Спершу найвідповідніші
search-sort-date = Спершу нові
search-all-languages = Усі мови
search-dates-label = Опубліковано в період
search-date-from = Від
search-date-to = До
search-active-filters = Обрані фільтри
search-remove-filter = Прибрати фільтр: { $filter }
search-clear-filters = Скинути всі фільтри
search-bad-date = Не вдалося прочитати дату; оберіть її в календарі або напишіть у вигляді рік-місяць-день.

## Errors

not-found-title = Сторінку не знайдено
not-found-body = Такої сторінки немає або її перенесено.
not-found-home = На головну
error-title = Щось пішло не так
error-body = Не вдалося показати сторінку. Спробуйте ще раз за хвилину.
rate-limited-title = Забагато запитів
rate-limited-body = Ви надіслали багато запитів за короткий час. Зачекайте хвилину й спробуйте знову.

## Dates

date-format = { $day } { $month } { $year } р.
month-1 = січня
month-2 = лютого
month-3 = березня
month-4 = квітня
month-5 = травня
month-6 = червня
month-7 = липня
month-8 = серпня
month-9 = вересня
month-10 = жовтня
month-11 = листопада
month-12 = грудня

## Language names

language-vi = в'єтнамська
language-en = англійська
language-ru = російська
language-uk = українська
language-be = білоруська
language-es = іспанська
language-fr = французька
language-ca = каталонська
language-pt = португальська
language-it = італійська
language-gl = галісійська
language-ro = румунська
language-de = німецька
language-zh = китайська
language-ja = японська
language-ko = корейська
language-id = індонезійська

## The newsroom: pages for editors, translators and moderators.

newsroom-title = Редакція
newsroom-sign-in-heading = Вхід до редакції
newsroom-username = Ім'я користувача
newsroom-password = Пароль
newsroom-sign-in = Увійти
newsroom-sign-out = Вийти
newsroom-sign-in-failed = Неправильне ім'я користувача або пароль.
newsroom-sign-in-throttled = Забагато невдалих спроб. Спробуйте ще раз за кілька хвилин.
newsroom-signed-in-as = Ви увійшли як { $name } ({ $role })
newsroom-role-editor = редактор
newsroom-role-translator = перекладач
newsroom-role-moderator = модератор
newsroom-forbidden = Ваша роль не дозволяє цього зробити.
newsroom-review-heading = Переклади, що чекають на перевірку
newsroom-review-empty = Немає перекладів, що чекають на перевірку.
newsroom-review-open = Прочитати й ухвалити рішення
newsroom-held-because = Причини затримки:
newsroom-status-machine-translated = чекає на перевірку
newsroom-status-failed = позначений як невдалий
newsroom-status-reviewed = перевірений
newsroom-status-published = опублікований
newsroom-segment-source = Оригінал ({ $language })
newsroom-segment-translation = Переклад ({ $language })
newsroom-segment-label = Фрагмент { $number }
newsroom-save-corrections = Зберегти виправлення
newsroom-corrected = { $count ->
    [0] Жоден фрагмент не змінено.
    [one] Виправлено й запам’ятано { $count } фрагмент.
    [few] Виправлено й запам’ятано { $count } фрагменти.
    [many] Виправлено й запам’ятано { $count } фрагментів.
   *[other] Виправлено й запам’ятано { $count } фрагмента.
}
newsroom-publish = Опублікувати
newsroom-withdraw = Зняти з публікації
newsroom-decided = Переклад ({ $language }) тепер { $status }.
newsroom-history-heading = Історія
newsroom-history-empty = Щодо цієї версії ще не ухвалювали рішень.
newsroom-action-published = Опубліковано: { $name }.
newsroom-action-withdrawn = Знято з публікації: { $name }.
newsroom-action-corrected = Виправлено фрагментів: { $count } ({ $name }).
newsroom-actor-command-line = командний рядок сервера
newsroom-comments-heading = Коментарі, що чекають на модерацію
newsroom-comments-empty = Немає коментарів, що чекають на модерацію.
newsroom-comment-on = До статті «{ $title }» ({ $language })
newsroom-approve = Схвалити
newsroom-reject = Відхилити
newsroom-comment-decided = Коментар { $decision ->
    [approved] схвалено
   *[rejected] відхилено
}.
newsroom-decision-not-allowed = Для цієї версії в її теперішньому стані таке рішення неможливе.
form-refused = Цю форму надіслано з іншого сайту, тому її не прийнято.

## Why a translation is held: the checks' findings.

problem-empty = Переклад порожній: система перекладу не повернула жодного тексту.
problem-identical = Переклад збігається з оригіналом: текст не перекладено.
problem-missing-numbers = Числа з оригіналу пропущено або змінено: { $numbers }.
problem-missing-terms = Пропущено імена або терміни з глосарію: { $terms }.
problem-wrong-language = Визначена мова перекладу — { $detected }, а не { $expected }.
problem-unrecognised-language = Не вдалося підтвердити, що мова перекладу — { $expected }.
problem-length-ratio = Відношення довжини перекладу до довжини оригіналу — { $ratio }, поза допустимими межами від { $min } до { $max }: можливо, частину тексту пропущено або повторено.
problem-unknown-words = { $count ->
    [one] Без перекладу залишилося { $count } слово; тут допустимо не більше { $limit }.
    [few] Без перекладу залишилося { $count } слова; тут допустимо не більше { $limit }.
    [many] Без перекладу залишилося { $count } слів; тут допустимо не більше { $limit }.
   *[other] Без перекладу залишилося { $count } слова; тут допустимо не більше { $limit }.
}
problem-generation-errors = { $count ->
    [one] Не вдалося утворити { $count } словоформу; тут допустимо не більше { $limit }.
    [few] Не вдалося утворити { $count } словоформи; тут допустимо не більше { $limit }.
    [many] Не вдалося утворити { $count } словоформ; тут допустимо не більше { $limit }.
   *[other] Не вдалося утворити { $count } словоформи; тут допустимо не більше { $limit }.
}
problem-title-empty = Переклад заголовка порожній.
problem-engine = Помилка системи перекладу: { $detail }

## Feeds (Atom): their titles.

feed-title = Останні новини — { $site }
feed-title-category = { $site }: розділ «{ $category }»
feed-title-author = { $site }: автор { $author }
feed-title-place = { $site }: { $place }

## The API's documentation page (/api/docs)

api-docs-title = JSON API
api-docs-intro = Усі відкриті дані сайту у форматі JSON, описані документом OpenAPI, який можуть читати програми.
api-docs-document = Документ OpenAPI
api-docs-parameter = Параметр
api-docs-where = Де
api-docs-meaning = Значення
api-docs-in-path = шлях
api-docs-in-query = запит
api-docs-answers = Відповіді:

## A member's account page: API keys

account-title = Ваш обліковий запис
account-keys-heading = Ключі API
account-no-keys = У вас ще немає ключа API.
account-key-name = Назва нового ключа
account-create-key = Створити ключ
account-key-created = Скопіюйте ключ зараз: його показано лише один раз. Програми надсилають його як Authorization: Bearer і сам ключ.
account-revoke = Відкликати
account-key-revoked = Ключ відкликано: він більше нічого не відкриває.
account-key-revoked-label = відкликано
account-key-made = створено { $date }
account-key-used = востаннє використано { $date }
account-key-never-used = не використовувався
account-key-name-bad = Дайте ключу назву не довшу за 80 символів.

## Newsroom: sources
sources-title = Джерела
sources-add-heading = Стежити за джерелом
sources-add-label = Адреса стрічки, мапи сайту або сторінки з посиланням на них
sources-add-hint = RSS, Atom, JSON Feed або мапа сайту; підійде й головна сторінка, що вказує стрічку.
sources-add-submit = Стежити
sources-empty = Джерел поки немає.
sources-caption = Джерела, за якими стежить loa
sources-col-outlet = Видання та адреса
sources-col-state = Стан
sources-col-last-fetch = Останнє завантаження
sources-col-error = Остання помилка
sources-col-robots = Правила robots.txt
sources-col-articles = Матеріали
sources-col-actions = Дії
sources-kind-feed = стрічка
sources-kind-sitemap = мапа сайту
sources-active = Відстежується
sources-paused = Призупинено
sources-never = Жодного разу
sources-failures-in-a-row = ({ $count } поспіль)
sources-robots-allowed = Дозволено
sources-robots-refused = Заборонено
sources-robots-unknown = Ще не прочитано
sources-pause = Призупинити
sources-resume = Відновити
sources-remove = Вилучити
sources-notice-added = Джерело додано; перше опитування виконано.
sources-notice-paused = Джерело призупинено: його не опитують до відновлення.
sources-notice-resumed = Джерело знову відстежується.
sources-notice-removed = Джерело вилучено; його матеріали збережено.
sources-cannot-follow-here = Цей вузол не може додавати нові джерела.
sources-error-not-an-address = Це не вебадреса (http або https).
sources-error-not-a-feed = За цією адресою немає ні стрічки, ні мапи сайту, і сторінка на них не посилається. Нічого не додано.
sources-error-unreachable = Не вдалося завантажити адресу: { $reason }
sources-error-failed = Не вдалося зберегти джерело. Спробуйте ще раз; помилку записано в журнал.
sources-error-action = Такої дії з джерелом немає.

## Newsroom: audit log
audit-title = Журнал рішень
audit-filter-member = Співробітник
audit-filter-action = Рішення
audit-filter-lang = Мова
audit-filter-any = Будь-яка
audit-filter-submit = Показати
audit-empty = Відповідних рішень немає.
audit-caption = Рішення редакції, спершу нові
audit-col-when = Коли
audit-col-who = Хто
audit-col-what = Рішення
audit-col-story = Матеріал або джерело
audit-col-change = Що змінилося
audit-kind-published = Опубліковано
audit-kind-withdrawn = Знято
audit-kind-corrected = Виправлено
audit-kind-approved = Коментар схвалено
audit-kind-rejected = Коментар відхилено
audit-comment-pending = чекає модерації
audit-comment-visible = видимий
audit-comment-rejected = відхилений
audit-segments = { $count ->
    [one] виправлено { $count } фрагмент
    [few] виправлено { $count } фрагменти
   *[other] виправлено { $count } фрагментів
}
audit-older = Давніші рішення

## Newsroom: account access
account-notice-password-changed = Пароль змінено; в усіх інших браузерах виконано вихід.
account-notice-sessions-ended = В усіх інших браузерах виконано вихід.
account-sessions-heading = Де виконано вхід
account-session = Вхід { $since }, чинний до { $until }
account-session-this = цей браузер
account-end-other-sessions = Вийти всюди, крім цього браузера
account-password-heading = Зміна пароля
account-password-current = Поточний пароль
account-password-new = Новий пароль (щонайменше { $min } символів)
account-password-repeat = Новий пароль ще раз
account-password-submit = Змінити пароль
account-password-short = Новий пароль має містити щонайменше { $min } символів.
account-password-mismatch = Нові паролі не збігаються.
account-password-wrong = Поточний пароль неправильний. Нічого не змінено.

## Newsroom: a story
story-title = Матеріал
story-saved = Розділ, місця й теми збережено; усі версії оновлено.
story-editions = Версії
story-original = оригінал
story-tags-heading = Розділ, місця й теми
story-category = Розділ
story-places = Місця (по одному в рядку)
story-topics = Теми (по одній у рядку)
story-tags-hint = Зміни стосуються всіх версій, пошуку та стрічок.
story-save = Зберегти
story-error-category = Виберіть один із розділів.
story-error-tags = Не більше { $max } місць і { $max } тем, кожне не довше { $chars } символів. Нічого не змінено.
audit-kind-retagged = Змінено рубрикацію
newsroom-action-retagged = Рубрикацію змінив(ла) { $name }.

## Story workflow: states, the schedule and embargoes

date-time-format = { $date } о { $time } UTC
story-workflow-heading = Хід публікації
story-state-now = Стан: { $state }
story-state-draft = Чернетка
story-state-in_review = На перевірці
story-state-scheduled = Заплановано
story-state-published = Опубліковано
story-state-withdrawn = Знято
story-publishes-at = Вийде { $time }
story-embargo-until = Ембарго до { $time }
story-publish-at-label = Опублікувати о (UTC)
story-embargo-label = Ембарго до (UTC)
story-workflow-hint = Читачі бачать матеріал, лише поки він опублікований. Час указано в UTC. До кінця ембарго матеріал не може опублікувати ніхто.
story-step-draft = Зберегти чернетку
story-step-review = Надіслати на перевірку
story-step-publish = Опублікувати зараз
story-step-schedule = Запланувати
story-step-withdraw = Зняти з публікації
story-workflow-saved = Стан матеріалу збережено; читачі, пошук і стрічки побачать зміни.
story-error-time = Не вдалося прочитати час; виберіть його в календарі або напишіть рік-місяць-день години:хвилини.
story-error-no-time = Виберіть час публікації, перш ніж планувати.
story-error-past = Час { $time } уже минув; виберіть пізніший. Нічого не змінено.
story-error-embargoed = Матеріал під ембарго до { $time }; заплануйте його на цей час або пізніше. Нічого не змінено.
story-error-before-embargo = Запланований час раніший за кінець ембарго ({ $time }). Нічого не змінено.
story-error-step = Цей крок недоступний матеріалу в теперішньому стані. Нічого не змінено.
audit-kind-workflow = Хід публікації
audit-actor-schedule = розклад
schedule-title = Матеріали, ще не доступні читачам
schedule-empty = Усі матеріали опубліковано: чернеток, матеріалів на перевірці, запланованих і знятих немає.
schedule-col-story = Матеріал
schedule-col-publish-at = Вийде
schedule-col-embargo = Ембарго до
audit-kind-source_followed = Джерело додано
audit-kind-source_paused = Джерело призупинено
audit-kind-source_resumed = Джерело відновлено
audit-kind-source_removed = Джерело вилучено
audit-embargo = ембарго до { $time }
