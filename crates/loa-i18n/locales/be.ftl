# loa — сайт для чытачоў, беларуская.

## Site frame

site-name = Loa — навіны з В'етнама
site-tagline = Навіны В'етнама на вашай мове
skip-to-content = Перайсці да асноўнага зместу
nav-label = Рубрыкі
nav-home = Галоўная
language-switcher-label = Чытаць гэтую старонку на іншай мове
footer-text = Loa перадрукоўвае матэрыялы в'етнамскіх выданняў і да кожнага артыкула дае спасылку на крыніцу. Машынныя пераклады пазначаны і могуць утрымліваць памылкі.
meta-description-home = Найсвяжэйшыя навіны з В'етнама ў перакладзе на вашу мову.

## Sections

category-news = Навіны
category-political-system = Палітычная сістэма
category-local = Рэгіёны
category-heritage = Спадчына
category-figures = Асобы
category-business = Эканоміка
category-product = Прадукцыя
category-travel = Падарожжы
category-video = Відэа

## Front page and lists

home-latest = Апошнія навіны
home-empty = На гэтай мове яшчэ не апублікавана ніводнага артыкула.
list-empty = У гэтай рубрыцы пакуль няма артыкулаў.
author-heading = Артыкулы аўтара: { $author }
pagination-label = Старонкі
pagination-previous = Папярэдняя старонка
pagination-next = Наступная старонка
pagination-page-of = Старонка { $page } з { $pages }

## Article page

article-published = Апублікавана
article-updated = Абноўлена
article-places = Месцы
article-by = Аўтар: { $author }
article-source = Крыніца: { $outlet }
article-machine-translation = Гэты артыкул перакладзены машынным перакладам.
article-original-language = Мова арыгінала: { $language }
comments-heading = { $count ->
    [one] { $count } каментарый
    [few] { $count } каментарыі
    [many] { $count } каментарыяў
   *[other] { $count } каментарыя
}
comments-empty = Каментарыяў пакуль няма. Падзяліцеся сваім меркаваннем першым.
comment-form-heading = Пакінуць каментарый
comment-form-name = Ваша імя
comment-form-body = Ваш каментарый
comment-form-hint = Каментарыі з'яўляюцца пасля таго, як іх прачытае мадэратар. Не больш за { $max } сімвалаў.
comment-form-submit = Адправіць каментарый
comment-form-trap = Пакіньце гэтае поле пустым.
comment-form-thanks = Дзякуй! Ваш каментарый з'явіцца пасля таго, як яго прачытае мадэратар.
comment-form-invalid = Пазначце імя і напішыце каментарый не даўжэйшы за { $max } сімвалаў.
comment-form-throttled = Вы адправілі некалькі каментарыяў за кароткі час. Калі ласка, пачакайце некалькі хвілін.
related-same-topic = На тую ж тэму
related-same-topic-empty = Іншых артыкулаў на гэтую тэму пакуль няма.
related-same-category = Яшчэ ў гэтай рубрыцы
related-same-category-empty = Іншых артыкулаў у гэтай рубрыцы пакуль няма.
related-same-author = Іншыя артыкулы аўтара
related-same-author-empty = Іншых артыкулаў гэтага аўтара пакуль няма.
videos-heading = Відэаматэрыялы
videos-empty = Відэа няма.
video-link = Глядзець відэа: { $title }
video-play = Прайграць: { $title }
video-loads-from = Пры прайграванні відэа загружаецца з { $host }.
video-back = Да артыкула
article-unavailable = Гэты артыкул недаступны на гэтай мове.
article-available-in = Яго можна прачытаць на мовах:

## Search

search-label = Пошук па сайце
search-placeholder = Імёны, месцы, тэмы…
search-button = Шукаць
search-heading = Пошук
search-results = { $count ->
    [one] Знойдзены { $count } артыкул
    [few] Знойдзена { $count } артыкулы
    [many] Знойдзена { $count } артыкулаў
   *[other] Знойдзена { $count } артыкула
}
search-no-results = Па вашым запыце нічога не знойдзена. Паспрабуйце іншыя або карацейшыя словы.
search-prompt = Увядзіце імя, месца ці тэму, каб знайсці артыкулы.
search-refine = Удакладніць вынікі
search-facet-category = Рубрыка
search-facet-lang = Мова
search-facet-author = Аўтар
search-facet-place = Месца
search-sort-label = Парадак
search-sort-relevance = Спачатку найбольш адпаведныя
search-sort-date = Спачатку новыя
search-all-languages = Усе мовы
search-dates-label = Апублікавана ў перыяд
search-date-from = З
search-date-to = Па
search-active-filters = Выбраныя фільтры
search-remove-filter = Прыбраць фільтр: { $filter }
search-clear-filters = Скінуць усе фільтры
search-bad-date = Не ўдалося прачытаць дату; выберыце яе ў календары або напішыце ў выглядзе год-месяц-дзень.

## Errors

not-found-title = Старонка не знойдзена
not-found-body = Такой старонкі няма, або яна перанесена.
not-found-home = На галоўную
error-title = Нешта пайшло не так
error-body = Не атрымалася паказаць старонку. Паспрабуйце яшчэ раз праз хвіліну.
rate-limited-title = Занадта шмат запытаў
rate-limited-body = Вы адправілі шмат запытаў за кароткі час. Пачакайце хвіліну і паспрабуйце зноў.

## Dates

date-format = { $day } { $month } { $year } г.
month-1 = студзеня
month-2 = лютага
month-3 = сакавіка
month-4 = красавіка
month-5 = мая
month-6 = чэрвеня
month-7 = ліпеня
month-8 = жніўня
month-9 = верасня
month-10 = кастрычніка
month-11 = лістапада
month-12 = снежня

## Language names

language-vi = в'етнамская
language-en = англійская
language-ru = руская
language-uk = украінская
language-be = беларуская
language-es = іспанская
language-fr = французская
language-ca = каталанская
language-pt = партугальская
language-it = італьянская
language-gl = галісійская
language-ro = румынская
language-de = нямецкая
language-zh = кітайская
language-ja = японская
language-ko = карэйская
language-id = інданезійская

## The newsroom: pages for editors, translators and moderators.

newsroom-title = Рэдакцыя
newsroom-sign-in-heading = Уваход у рэдакцыю
newsroom-username = Імя карыстальніка
newsroom-password = Пароль
newsroom-sign-in = Увайсці
newsroom-sign-out = Выйсці
newsroom-sign-in-failed = Няправільнае імя карыстальніка або пароль.
newsroom-sign-in-throttled = Занадта шмат няўдалых спроб. Паспрабуйце яшчэ раз праз некалькі хвілін.
newsroom-signed-in-as = Вы ўвайшлі як { $name } ({ $role })
newsroom-role-editor = рэдактар
newsroom-role-translator = перакладчык
newsroom-role-moderator = мадэратар
newsroom-forbidden = Ваша роля не дазваляе гэтага зрабіць.
newsroom-review-heading = Пераклады, якія чакаюць праверкі
newsroom-review-empty = Няма перакладаў, якія чакаюць праверкі.
newsroom-review-open = Прачытаць і прыняць рашэнне
newsroom-held-because = Прычыны затрымкі:
newsroom-status-machine-translated = чакае праверкі
newsroom-status-failed = пазначаны як няўдалы
newsroom-status-reviewed = правераны
newsroom-status-published = апублікаваны
newsroom-segment-source = Арыгінал ({ $language })
newsroom-segment-translation = Пераклад ({ $language })
newsroom-segment-label = Фрагмент { $number }
newsroom-save-corrections = Захаваць выпраўленні
newsroom-corrected = { $count ->
    [0] Ніводны фрагмент не зменены.
    [one] Выпраўлены і запомнены { $count } фрагмент.
    [few] Выпраўлены і запомнены { $count } фрагменты.
    [many] Выпраўлена і запомнена { $count } фрагментаў.
   *[other] Выпраўлена і запомнена { $count } фрагмента.
}
newsroom-publish = Апублікаваць
newsroom-withdraw = Зняць з публікацыі
newsroom-decided = Пераклад ({ $language }) цяпер { $status }.
newsroom-history-heading = Гісторыя
newsroom-history-empty = Па гэтай версіі яшчэ не прымалі рашэнняў.
newsroom-action-published = Апублікавана: { $name }.
newsroom-action-withdrawn = Знята з публікацыі: { $name }.
newsroom-action-corrected = Выпраўлена фрагментаў: { $count } ({ $name }).
newsroom-actor-command-line = камандны радок сервера
newsroom-comments-heading = Каментарыі, якія чакаюць мадэрацыі
newsroom-comments-empty = Няма каментарыяў, якія чакаюць мадэрацыі.
newsroom-comment-on = Да артыкула «{ $title }» ({ $language })
newsroom-approve = Ухваліць
newsroom-reject = Адхіліць
newsroom-comment-decided = Каментарый { $decision ->
    [approved] ухвалены
   *[rejected] адхілены
}.
newsroom-decision-not-allowed = Для гэтай версіі ў яе цяперашнім стане такое рашэнне немагчымае.
form-refused = Гэтую форму адправілі з іншага сайта, таму яе не прынялі.

## Why a translation is held: the checks' findings.

problem-empty = Пераклад пусты: сістэма перакладу не вярнула ніякага тэксту.
problem-identical = Пераклад супадае з арыгіналам: тэкст не перакладзены.
problem-missing-numbers = Лікі з арыгінала прапушчаныя або змененыя: { $numbers }.
problem-missing-terms = Прапушчаныя імёны або тэрміны з глосарыя: { $terms }.
problem-wrong-language = Вызначаная мова перакладу — { $detected }, а не { $expected }.
problem-unrecognised-language = Не ўдалося пацвердзіць, што мова перакладу — { $expected }.
problem-length-ratio = Адносіны даўжыні перакладу да даўжыні арыгінала — { $ratio }, па-за дапушчальнымі межамі ад { $min } да { $max }: магчыма, частка тэксту адсутнічае або паўтараецца.
problem-unknown-words = { $count ->
    [one] Без перакладу засталося { $count } слова; тут дапушчальна не больш за { $limit }.
    [few] Без перакладу засталося { $count } словы; тут дапушчальна не больш за { $limit }.
    [many] Без перакладу засталося { $count } слоў; тут дапушчальна не больш за { $limit }.
   *[other] Без перакладу засталося { $count } слова; тут дапушчальна не больш за { $limit }.
}
problem-generation-errors = { $count ->
    [one] Не ўдалося ўтварыць { $count } словаформу; тут дапушчальна не больш за { $limit }.
    [few] Не ўдалося ўтварыць { $count } словаформы; тут дапушчальна не больш за { $limit }.
    [many] Не ўдалося ўтварыць { $count } словаформаў; тут дапушчальна не больш за { $limit }.
   *[other] Не ўдалося ўтварыць { $count } словаформы; тут дапушчальна не больш за { $limit }.
}
problem-title-empty = Пераклад загалоўка пусты.
problem-engine = Памылка сістэмы перакладу: { $detail }

## Feeds (Atom): their titles.

feed-title = Апошнія навіны — { $site }
feed-title-category = { $site }: раздзел «{ $category }»
feed-title-author = { $site }: аўтар { $author }
feed-title-place = { $site }: { $place }

## The API's documentation page (/api/docs)

api-docs-title = JSON API
api-docs-intro = Усе адкрытыя даныя сайта ў фармаце JSON, апісаныя дакументам OpenAPI, які могуць чытаць праграмы.
api-docs-document = Дакумент OpenAPI
api-docs-parameter = Параметр
api-docs-where = Дзе
api-docs-meaning = Значэнне
api-docs-in-path = шлях
api-docs-in-query = запыт
api-docs-answers = Адказы:

## A member's account page: API keys

account-title = Ваш уліковы запіс
account-keys-heading = Ключы API
account-no-keys = У вас яшчэ няма ключа API.
account-key-name = Назва новага ключа
account-create-key = Стварыць ключ
account-key-created = Скапіюйце ключ зараз: ён паказваецца толькі адзін раз. Праграмы адпраўляюць яго як Authorization: Bearer і сам ключ.
account-revoke = Адклікаць
account-key-revoked = Ключ адкліканы: ён больш нічога не адчыняе.
account-key-revoked-label = адкліканы
account-key-made = створаны { $date }
account-key-used = апошні раз выкарыстаны { $date }
account-key-never-used = не выкарыстоўваўся
account-key-name-bad = Дайце ключу назву не даўжэйшую за 80 знакаў.

## Newsroom: sources
sources-title = Крыніцы
sources-add-heading = Сачыць за крыніцай
sources-add-label = Адрас стужкі, карты сайта або старонкі са спасылкай на іх
sources-add-hint = RSS, Atom, JSON Feed або карта сайта; падыдзе і галоўная старонка, дзе пазначана стужка.
sources-add-submit = Сачыць
sources-empty = Крыніц пакуль няма.
sources-caption = Крыніцы, за якімі сочыць loa
sources-col-outlet = Выданне і адрас
sources-col-state = Стан
sources-col-last-fetch = Апошняя загрузка
sources-col-error = Апошняя памылка
sources-col-robots = Правілы robots.txt
sources-col-articles = Матэрыялы
sources-col-actions = Дзеянні
sources-kind-feed = стужка
sources-kind-sitemap = карта сайта
sources-active = Адсочваецца
sources-paused = Прыпынена
sources-never = Ні разу
sources-failures-in-a-row = ({ $count } запар)
sources-robots-allowed = Дазволена
sources-robots-refused = Забаронена
sources-robots-unknown = Яшчэ не прачытана
sources-pause = Прыпыніць
sources-resume = Аднавіць
sources-remove = Выдаліць
sources-notice-added = Крыніцу дададзена; першае апытанне выканана.
sources-notice-paused = Крыніцу прыпынена: яе не апытваюць да аднаўлення.
sources-notice-resumed = Крыніца зноў адсочваецца.
sources-notice-removed = Крыніцу выдалена; яе матэрыялы захаваны.
sources-cannot-follow-here = Гэты вузел не можа дадаваць новыя крыніцы.
sources-error-not-an-address = Гэта не вэб-адрас (http або https).
sources-error-not-a-feed = Па гэтым адрасе няма ні стужкі, ні карты сайта, і старонка на іх не спасылаецца. Нічога не дададзена.
sources-error-unreachable = Не ўдалося загрузіць адрас: { $reason }
sources-error-failed = Не ўдалося захаваць крыніцу. Паспрабуйце яшчэ раз; памылка запісана ў журнал.
sources-error-action = Такога дзеяння з крыніцай няма.

## Newsroom: audit log
audit-title = Журнал рашэнняў
audit-filter-member = Супрацоўнік
audit-filter-action = Рашэнне
audit-filter-lang = Мова
audit-filter-any = Любая
audit-filter-submit = Паказаць
audit-empty = Адпаведных рашэнняў няма.
audit-caption = Рашэнні рэдакцыі, спачатку новыя
audit-col-when = Калі
audit-col-who = Хто
audit-col-what = Рашэнне
audit-col-story = Матэрыял або крыніца
audit-col-change = Што змянілася
audit-kind-published = Апублікавана
audit-kind-withdrawn = Знята
audit-kind-corrected = Выпраўлена
audit-kind-approved = Каментарый ухвалены
audit-kind-rejected = Каментарый адхілены
audit-comment-pending = чакае мадэрацыі
audit-comment-visible = бачны
audit-comment-rejected = адхілены
audit-segments = { $count ->
    [one] выпраўлены { $count } фрагмент
    [few] выпраўлена { $count } фрагменты
   *[other] выпраўлена { $count } фрагментаў
}
audit-older = Больш раннія рашэнні

## Newsroom: account access
account-notice-password-changed = Пароль зменены; ва ўсіх іншых браўзерах выкананы выхад.
account-notice-sessions-ended = Ва ўсіх іншых браўзерах выкананы выхад.
account-sessions-heading = Дзе выкананы ўваход
account-session = Уваход { $since }, дзейнічае да { $until }
account-session-this = гэты браўзер
account-end-other-sessions = Выйсці ўсюды, акрамя гэтага браўзера
account-password-heading = Змена пароля
account-password-current = Цяперашні пароль
account-password-new = Новы пароль (не карацейшы за { $min } сімвалаў)
account-password-repeat = Новы пароль яшчэ раз
account-password-submit = Змяніць пароль
account-password-short = Новы пароль павінен быць не карацейшы за { $min } сімвалаў.
account-password-mismatch = Новыя паролі не супадаюць.
account-password-wrong = Цяперашні пароль няправільны. Нічога не зменена.

## Newsroom: a story
story-title = Матэрыял
story-saved = Раздзел, месцы і тэмы захаваны; усе версіі абноўлены.
story-editions = Версіі
story-original = арыгінал
story-tags-heading = Раздзел, месцы і тэмы
story-category = Раздзел
story-places = Месцы (па адным у радку)
story-topics = Тэмы (па адной у радку)
story-tags-hint = Змены датычаць усіх версій, пошуку і стужак.
story-save = Захаваць
story-error-category = Выберыце адзін з раздзелаў.
story-error-tags = Не больш за { $max } месцаў і { $max } тэм, кожнае не даўжэйшае за { $chars } сімвалаў. Нічога не зменена.
audit-kind-retagged = Зменена рубрыкацыя
newsroom-action-retagged = Рубрыкацыю змяніў(ла) { $name }.

## Story workflow: states, the schedule and embargoes

date-time-format = { $date } а { $time } UTC
story-workflow-heading = Ход публікацыі
story-state-now = Стан: { $state }
story-state-draft = Чарнавік
story-state-in_review = На праверцы
story-state-scheduled = Запланаваны
story-state-published = Апублікаваны
story-state-withdrawn = Зняты
story-publishes-at = Выйдзе { $time }
story-embargo-until = Эмбарга да { $time }
story-publish-at-label = Апублікаваць а (UTC)
story-embargo-label = Эмбарга да (UTC)
story-workflow-hint = Чытачы бачаць матэрыял, толькі пакуль ён апублікаваны. Час пазначаны ў UTC. Да канца эмбарга матэрыял не можа апублікаваць ніхто.
story-step-draft = Захаваць чарнавік
story-step-review = Адправіць на праверку
story-step-publish = Апублікаваць зараз
story-step-schedule = Запланаваць
story-step-withdraw = Зняць з публікацыі
story-workflow-saved = Стан матэрыялу захаваны; чытачы, пошук і стужкі ўбачаць змены.
story-error-time = Не ўдалося прачытаць час; выберыце яго ў календары або напішыце год-месяц-дзень гадзіны:хвіліны.
story-error-no-time = Выберыце час публікацыі, перш чым планаваць.
story-error-past = Час { $time } ужо мінуў; выберыце пазнейшы. Нічога не зменена.
story-error-embargoed = Матэрыял пад эмбарга да { $time }; запланаваць яго можна на гэты час або пазней. Нічога не зменена.
story-error-before-embargo = Запланаваны час раней за канец эмбарга ({ $time }). Нічога не зменена.
story-error-step = Гэты крок недаступны матэрыялу ў цяперашнім стане. Нічога не зменена.
audit-kind-workflow = Ход публікацыі
audit-actor-schedule = расклад
schedule-title = Матэрыялы, яшчэ не даступныя чытачам
schedule-empty = Усе матэрыялы апублікаваныя: чарнавікоў, матэрыялаў на праверцы, запланаваных і знятых няма.
schedule-col-story = Матэрыял
schedule-col-publish-at = Выйдзе
schedule-col-embargo = Эмбарга да
audit-kind-source_followed = Крыніца дададзена
audit-kind-source_paused = Крыніца прыпынена
audit-kind-source_resumed = Крыніца адноўлена
audit-kind-source_removed = Крыніца выдалена
audit-embargo = эмбарга да { $time }
