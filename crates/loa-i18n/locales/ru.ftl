# loa — сайт для читателей, русский.

## Site frame

site-name = Loa — новости из Вьетнама
site-tagline = Новости Вьетнама на вашем языке
skip-to-content = Перейти к основному содержанию
nav-label = Разделы
nav-home = Главная
language-switcher-label = Читать эту страницу на другом языке
footer-text = Loa перепечатывает материалы вьетнамских газет и даёт ссылку на источник каждой статьи. Машинные переводы отмечены и могут содержать ошибки.
meta-description-home = Свежие новости из Вьетнама в переводе на ваш язык.

## Sections

category-news = Новости
category-political-system = Политическая система
category-local = Регионы
category-heritage = Наследие
category-figures = Личности
category-business = Экономика
category-product = Продукция
category-travel = Путешествия
category-video = Видео

## Front page and lists

home-latest = Последние новости
home-empty = На этом языке ещё не опубликовано ни одной статьи.
list-empty = В этом разделе пока нет статей.
author-heading = Статьи автора: { $author }
pagination-label = Страницы
pagination-previous = Предыдущая страница
pagination-next = Следующая страница
pagination-page-of = Страница { $page } из { $pages }

## Article page

article-published = Опубликовано
article-updated = Обновлено
article-places = Места
article-by = Автор: { $author }
article-source = Источник: { $outlet }
article-machine-translation = Эта статья переведена машинным переводом.
article-original-language = Язык оригинала: { $language }
comments-heading = { $count ->
    [one] { $count } комментарий
    [few] { $count } комментария
    [many] { $count } комментариев
   *[other] { $count } комментария
}
comments-empty = Комментариев пока нет. Поделитесь своим мнением первым.
comment-form-heading = Оставить комментарий
comment-form-name = Ваше имя
comment-form-body = Ваш комментарий
comment-form-hint = Комментарии появляются после того, как их прочитает модератор. Не более { $max } символов.
comment-form-submit = Отправить комментарий
comment-form-trap = Оставьте это поле пустым.
comment-form-thanks = Спасибо! Ваш комментарий появится после того, как его прочитает модератор.
comment-form-invalid = Укажите имя и напишите комментарий не длиннее { $max } символов.
comment-form-throttled = Вы отправили несколько комментариев за короткое время. Пожалуйста, подождите несколько минут.
related-same-topic = На ту же тему
related-same-topic-empty = Других статей на эту тему пока нет.
related-same-category = Ещё в этом разделе
related-same-category-empty = Других статей в этом разделе пока нет.
related-same-author = Другие статьи автора
related-same-author-empty = Других статей этого автора пока нет.
videos-heading = Видеоматериалы
videos-empty = Видео нет.
video-link = Смотреть видео: { $title }
video-play = Воспроизвести: { $title }
video-loads-from = При воспроизведении видео загружается с { $host }.
video-back = К статье
article-unavailable = Эта статья недоступна на этом языке.
article-available-in = Её можно прочитать на языках:

## Search

search-label = Поиск по сайту
search-placeholder = Имена, места, темы…
search-button = Найти
search-heading = Поиск
search-results = { $count ->
    [one] Найдена { $count } статья
    [few] Найдены { $count } статьи
    [many] Найдено { $count } статей
   *[other] Найдено { $count } статьи
}
search-no-results = По вашему запросу ничего не найдено. Попробуйте другие или более короткие слова.
search-prompt = Введите имя, место или тему, чтобы найти статьи.
search-refine = Уточнить результаты
search-facet-category = Рубрика
search-facet-lang = Язык
search-facet-author = Автор
search-facet-place = Место
search-sort-label = Порядок
search-sort-relevance = Сначала подходящие
search-sort-date = Сначала новые
search-all-languages = Все языки
search-dates-label = Опубликовано в период
search-date-from = С
search-date-to = По
search-active-filters = Выбранные фильтры
search-remove-filter = Убрать фильтр: { $filter }
search-clear-filters = Сбросить все фильтры
search-bad-date = Не удалось разобрать дату; выберите её в календаре или напишите в виде год-месяц-день.

## Errors

not-found-title = Страница не найдена
not-found-body = Такой страницы нет или она была перемещена.
not-found-home = На главную
error-title = Что-то пошло не так
error-body = Не удалось показать страницу. Попробуйте ещё раз через минуту.
rate-limited-title = Слишком много запросов
rate-limited-body = Вы отправили много запросов за короткое время. Подождите минуту и попробуйте снова.

## Dates

date-format = { $day } { $month } { $year } г.
month-1 = января
month-2 = февраля
month-3 = марта
month-4 = апреля
month-5 = мая
month-6 = июня
month-7 = июля
month-8 = августа
month-9 = сентября
month-10 = октября
month-11 = ноября
month-12 = декабря

## Language names

language-vi = вьетнамский
language-en = английский
language-ru = русский
language-uk = украинский
language-be = белорусский
language-es = испанский
language-fr = французский
language-ca = каталанский
language-pt = португальский
language-it = итальянский
language-gl = галисийский
language-ro = румынский
language-de = немецкий
language-zh = китайский
language-ja = японский
language-ko = корейский
language-id = индонезийский

## The newsroom: pages for editors, translators and moderators.

newsroom-title = Редакция
newsroom-sign-in-heading = Вход в редакцию
newsroom-username = Имя пользователя
newsroom-password = Пароль
newsroom-sign-in = Войти
newsroom-sign-out = Выйти
newsroom-sign-in-failed = Неверное имя пользователя или пароль.
newsroom-sign-in-throttled = Слишком много неудачных попыток. Попробуйте ещё раз через несколько минут.
newsroom-signed-in-as = Вы вошли как { $name } ({ $role })
newsroom-role-editor = редактор
newsroom-role-translator = переводчик
newsroom-role-moderator = модератор
newsroom-forbidden = Ваша роль не позволяет это сделать.
newsroom-review-heading = Переводы, ожидающие проверки
newsroom-review-empty = Нет переводов, ожидающих проверки.
newsroom-review-open = Прочитать и принять решение
newsroom-held-because = Причины задержки:
newsroom-status-machine-translated = ожидает проверки
newsroom-status-failed = помечен как неудавшийся
newsroom-status-reviewed = проверен
newsroom-status-published = опубликован
newsroom-segment-source = Оригинал ({ $language })
newsroom-segment-translation = Перевод ({ $language })
newsroom-segment-label = Фрагмент { $number }
newsroom-save-corrections = Сохранить исправления
newsroom-corrected = { $count ->
    [0] Ни один фрагмент не изменён.
    [one] Исправлен и запомнен { $count } фрагмент.
    [few] Исправлены и запомнены { $count } фрагмента.
    [many] Исправлено и запомнено { $count } фрагментов.
   *[other] Исправлено и запомнено { $count } фрагмента.
}
newsroom-publish = Опубликовать
newsroom-withdraw = Снять с публикации
newsroom-decided = Перевод на { $language } теперь { $status }.
newsroom-history-heading = История
newsroom-history-empty = По этой версии ещё не принимали решений.
newsroom-action-published = Опубликовано: { $name }.
newsroom-action-withdrawn = Снято с публикации: { $name }.
newsroom-action-corrected = Исправлено фрагментов: { $count } ({ $name }).
newsroom-actor-command-line = командная строка сервера
newsroom-comments-heading = Комментарии, ожидающие модерации
newsroom-comments-empty = Нет комментариев, ожидающих модерации.
newsroom-comment-on = К статье «{ $title }» ({ $language })
newsroom-approve = Одобрить
newsroom-reject = Отклонить
newsroom-comment-decided = Комментарий { $decision ->
    [approved] одобрен
   *[rejected] отклонён
}.
newsroom-decision-not-allowed = Для этой версии в её нынешнем состоянии такое решение невозможно.
form-refused = Эта форма отправлена с другого сайта, поэтому она не принята.

## Why a translation is held: the checks' findings.

problem-empty = Перевод пуст: система перевода не вернула никакого текста.
problem-identical = Перевод совпадает с оригиналом: текст не был переведён.
problem-missing-numbers = Числа из оригинала пропущены или изменены: { $numbers }.
problem-missing-terms = Пропущены имена или термины из глоссария: { $terms }.
problem-wrong-language = Язык перевода определён как { $detected }, а не { $expected }.
problem-unrecognised-language = Не удалось подтвердить, что язык перевода — { $expected }.
problem-length-ratio = Отношение длины перевода к длине оригинала — { $ratio }, вне допустимых пределов от { $min } до { $max }: возможно, часть текста пропущена или повторена.
problem-unknown-words = { $count ->
    [one] Без перевода осталось { $count } слово; здесь допустимо не более { $limit }.
    [few] Без перевода осталось { $count } слова; здесь допустимо не более { $limit }.
    [many] Без перевода осталось { $count } слов; здесь допустимо не более { $limit }.
   *[other] Без перевода осталось { $count } слова; здесь допустимо не более { $limit }.
}
problem-generation-errors = { $count ->
    [one] Не удалось образовать { $count } словоформу; здесь допустимо не более { $limit }.
    [few] Не удалось образовать { $count } словоформы; здесь допустимо не более { $limit }.
    [many] Не удалось образовать { $count } словоформ; здесь допустимо не более { $limit }.
   *[other] Не удалось образовать { $count } словоформы; здесь допустимо не более { $limit }.
}
problem-title-empty = Перевод заголовка пуст.
problem-engine = Ошибка системы перевода: { $detail }

## Feeds (Atom): their titles.

feed-title = Последние новости — { $site }
feed-title-category = { $site }: раздел «{ $category }»
feed-title-author = { $site }: автор { $author }
feed-title-place = { $site }: { $place }

## The API's documentation page (/api/docs)

api-docs-title = JSON API
api-docs-intro = Все открытые данные сайта в формате JSON, описанные документом OpenAPI, который могут читать программы.
api-docs-document = Документ OpenAPI
api-docs-parameter = Параметр
api-docs-where = Где
api-docs-meaning = Значение
api-docs-in-path = путь
api-docs-in-query = запрос
api-docs-answers = Ответы:

## A member's account page: API keys

account-title = Ваша учётная запись
account-keys-heading = Ключи API
account-no-keys = У вас пока нет ключа API.
account-key-name = Название нового ключа
account-create-key = Создать ключ
account-key-created = Скопируйте ключ сейчас: он показывается только один раз. Программы передают его как Authorization: Bearer и сам ключ.
account-revoke = Отозвать
account-key-revoked = Ключ отозван: он больше ничего не открывает.
account-key-revoked-label = отозван
account-key-made = создан { $date }
account-key-used = последнее использование { $date }
account-key-never-used = не использовался
account-key-name-bad = Дайте ключу название не длиннее 80 символов.

## Newsroom: sources
sources-title = Источники
sources-add-heading = Подписаться на источник
sources-add-label = Адрес ленты, карты сайта или страницы со ссылкой на них
sources-add-hint = RSS, Atom, JSON Feed или карта сайта; подойдёт и главная страница, где указана лента.
sources-add-submit = Подписаться
sources-empty = Источников пока нет.
sources-caption = Источники, за которыми следит loa
sources-col-outlet = Издание и адрес
sources-col-state = Состояние
sources-col-last-fetch = Последняя загрузка
sources-col-error = Последняя ошибка
sources-col-robots = Правила robots.txt
sources-col-articles = Материалы
sources-col-actions = Действия
sources-kind-feed = лента
sources-kind-sitemap = карта сайта
sources-active = Отслеживается
sources-paused = Приостановлен
sources-never = Ни разу
sources-failures-in-a-row = ({ $count } подряд)
sources-robots-allowed = Разрешено
sources-robots-refused = Запрещено
sources-robots-unknown = Ещё не прочитан
sources-pause = Приостановить
sources-resume = Возобновить
sources-remove = Удалить
sources-notice-added = Источник добавлен; первый опрос выполнен.
sources-notice-paused = Источник приостановлен: он не опрашивается до возобновления.
sources-notice-resumed = Источник снова отслеживается.
sources-notice-removed = Источник удалён; его материалы сохранены.
sources-cannot-follow-here = Этот узел не может добавлять новые источники.
sources-error-not-an-address = Это не веб-адрес (http или https).
sources-error-not-a-feed = По этому адресу нет ни ленты, ни карты сайта, и страница на них не ссылается. Ничего не добавлено.
sources-error-unreachable = Не удалось загрузить адрес: { $reason }
sources-error-failed = Не удалось сохранить источник. Попробуйте ещё раз; ошибка записана в журнал.
sources-error-action = Такого действия с источником нет.

## Newsroom: audit log
audit-title = Журнал решений
audit-filter-member = Сотрудник
audit-filter-action = Решение
audit-filter-lang = Язык
audit-filter-any = Любой
audit-filter-submit = Показать
audit-empty = Подходящих решений нет.
audit-caption = Решения редакции, сначала новые
audit-col-when = Когда
audit-col-who = Кто
audit-col-what = Решение
audit-col-story = Материал или источник
audit-col-change = Что изменилось
audit-kind-published = Опубликовано
audit-kind-withdrawn = Снято
audit-kind-corrected = Исправлено
audit-kind-approved = Комментарий одобрен
audit-kind-rejected = Комментарий отклонён
audit-comment-pending = ждёт модерации
audit-comment-visible = виден
audit-comment-rejected = отклонён
audit-segments = { $count ->
    [one] исправлен { $count } фрагмент
    [few] исправлено { $count } фрагмента
   *[other] исправлено { $count } фрагментов
}
audit-older = Более ранние решения

## Newsroom: account access
account-notice-password-changed = Пароль изменён; во всех других браузерах выполнен выход.
account-notice-sessions-ended = Во всех других браузерах выполнен выход.
account-sessions-heading = Где выполнен вход
account-session = Вход { $since }, действует до { $until }
account-session-this = этот браузер
account-end-other-sessions = Выйти везде, кроме этого браузера
account-password-heading = Смена пароля
account-password-current = Текущий пароль
account-password-new = Новый пароль (не короче { $min } символов)
account-password-repeat = Новый пароль ещё раз
account-password-submit = Сменить пароль
account-password-short = Новый пароль должен быть не короче { $min } символов.
account-password-mismatch = Новые пароли не совпадают.
account-password-wrong = Текущий пароль неверен. Ничего не изменено.

## Newsroom: a story
story-title = Материал
story-saved = Раздел, места и темы сохранены; все версии обновлены.
story-editions = Версии
story-original = оригинал
story-tags-heading = Раздел, места и темы
story-category = Раздел
story-places = Места (по одному в строке)
story-topics = Темы (по одной в строке)
story-tags-hint = Изменения касаются всех версий, поиска и лент.
story-save = Сохранить
story-error-category = Выберите один из разделов.
story-error-tags = Не больше { $max } мест и { $max } тем, каждое не длиннее { $chars } символов. Ничего не изменено.
audit-kind-retagged = Изменена рубрикация
newsroom-action-retagged = Рубрикацию изменил(а) { $name }.

## Story workflow: states, the schedule and embargoes

date-time-format = { $date } в { $time } UTC
story-workflow-heading = Ход публикации
story-state-now = Состояние: { $state }
story-state-draft = Черновик
story-state-in_review = На проверке
story-state-scheduled = Запланирован
story-state-published = Опубликован
story-state-withdrawn = Снят
story-publishes-at = Выйдет { $time }
story-embargo-until = Эмбарго до { $time }
story-publish-at-label = Опубликовать в (UTC)
story-embargo-label = Эмбарго до (UTC)
story-workflow-hint = Читатели видят материал, только пока он опубликован. Время указано в UTC. До конца эмбарго материал не может опубликовать никто.
story-step-draft = Сохранить черновик
story-step-review = Отправить на проверку
story-step-publish = Опубликовать сейчас
story-step-schedule = Запланировать
story-step-withdraw = Снять с публикации
story-workflow-saved = Состояние материала сохранено; читатели, поиск и ленты увидят изменения.
story-error-time = Не удалось прочитать время; выберите его в календаре или напишите год-месяц-день часы:минуты.
story-error-no-time = Выберите время публикации, прежде чем планировать.
story-error-past = Время { $time } уже прошло; выберите более позднее. Ничего не изменено.
story-error-embargoed = Материал под эмбарго до { $time }; запланируйте его на это время или позже. Ничего не изменено.
story-error-before-embargo = Запланированное время раньше конца эмбарго ({ $time }). Ничего не изменено.
story-error-step = Этот шаг недоступен материалу в нынешнем состоянии. Ничего не изменено.
audit-kind-workflow = Ход публикации
audit-actor-schedule = расписание
schedule-title = Материалы, ещё не доступные читателям
schedule-empty = Все материалы опубликованы: черновиков, материалов на проверке, запланированных и снятых нет.
schedule-col-story = Материал
schedule-col-publish-at = Выйдет
schedule-col-embargo = Эмбарго до
audit-kind-source_followed = Источник добавлен
audit-kind-source_paused = Источник приостановлен
audit-kind-source_resumed = Источник возобновлён
audit-kind-source_removed = Источник удалён
audit-embargo = эмбарго до { $time }
