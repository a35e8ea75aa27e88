# loa reader site — English.
# Every message here must exist in every other locale file, translated.

## Site frame

site-name = Loa — News from Vietnam
site-tagline = Vietnam's news, in your language
skip-to-content = Skip to main content
nav-label = Sections
nav-home = Front page
language-switcher-label = Read this page in another language
footer-text = Loa republishes reporting from Vietnamese newspapers and links every story to its source. Machine translations are marked and may contain mistakes.
meta-description-home = The latest news from Vietnam, translated into your language.

## Sections

category-news = News
category-political-system = Political system
category-local = Provinces
category-heritage = Heritage
category-figures = People
category-business = Business
category-product = Products
category-travel = Travel
category-video = Video

## Front page and lists

home-latest = Latest stories
home-empty = No stories have been published in this language yet.
list-empty = There are no stories in this section yet.
author-heading = Stories by { $author }
pagination-label = Pages
pagination-previous = Previous page
pagination-next = Next page
pagination-page-of = Page { $page } of { $pages }

## Article page

article-published = Published
article-updated = Updated
article-places = Places
article-by = By { $author }
article-source = Source: { $outlet }
article-machine-translation = This story was translated by machine.
article-original-language = Original language: { $language }
comments-heading = { $count ->
    [one] { $count } comment
   *[other] { $count } comments
}
comments-empty = No comments yet. Be the first to share your view.
comment-form-heading = Add a comment
comment-form-name = Your name
comment-form-body = Your comment
comment-form-hint = Comments appear once a moderator has read them. At most { $max } characters.
comment-form-submit = Send the comment
comment-form-trap = Leave this field empty.
comment-form-thanks = Thank you. Your comment will appear once a moderator has read it.
comment-form-invalid = Please give your name and a comment of at most { $max } characters.
comment-form-throttled = You have sent several comments in a short time. Please wait a few minutes.
related-same-topic = On the same topic
related-same-topic-empty = No other stories on this topic yet.
related-same-category = More from this section
related-same-category-empty = No other stories in this section yet.
related-same-author = More from this author
related-same-author-empty = No other stories by this author yet.
videos-heading = Videos
videos-empty = No videos available.
video-link = Watch the video: { $title }
video-play = Play: { $title }
video-loads-from = Playing loads the video from { $host }.
video-back = Back to the story
article-unavailable = This story is not available in this language.
article-available-in = You can read it in:

## Search

search-label = Search the site
search-placeholder = Names, places, topics…
search-button = Search
search-heading = Search
search-results = { $count ->
    [one] { $count } story found
   *[other] { $count } stories found
}
search-no-results = No stories match your search. Try fewer or different words.
search-prompt = Type a name, a place or a topic to search all stories.
search-refine = Refine the results
search-facet-category = Section
search-facet-lang = Language
search-facet-author = Author
search-facet-place = Place
search-sort-label = Order
search-sort-relevance = Best match
search-sort-date = Newest first
search-all-languages = All languages
search-dates-label = Published between
search-date-from = From
search-date-to = To
search-active-filters = Active filters
search-remove-filter = Remove filter: { $filter }
search-clear-filters = Clear all filters
search-bad-date = That date could not be read; use the calendar or the form year-month-day.

## Errors

not-found-title = Page not found
not-found-body = The page you are looking for does not exist or has moved.
not-found-home = Go to the front page
error-title = Something went wrong
error-body = The page could not be shown. Please try again in a moment.
rate-limited-title = Too many requests
rate-limited-body = You have sent many requests in a short time. Please wait a minute and try again.

## Dates: `date-format` receives $day, $day2 (two digits), $month (a
## month-N message), $month2 (two digits) and $year.

date-format = { $day } { $month } { $year }
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

## Language names, as they appear in running text of this locale.

language-vi = Vietnamese
language-en = English
language-ru = Russian
language-uk = Ukrainian
language-be = Belarusian
language-es = Spanish
language-fr = French
language-ca = Catalan
language-pt = Portuguese
language-it = Italian
language-gl = Galician
language-ro = Romanian
language-de = German
language-zh = Chinese
language-ja = Japanese
language-ko = Korean
language-id = Indonesian

## The newsroom: pages for editors, translators and moderators.

newsroom-title = Newsroom
newsroom-sign-in-heading = Sign in to the newsroom
newsroom-username = User name
newsroom-password = Password
newsroom-sign-in = Sign in
newsroom-sign-out = Sign out
newsroom-sign-in-failed = The user name or the password is wrong.
newsroom-sign-in-throttled = Too many failed attempts. Try again in a few minutes.
newsroom-signed-in-as = Signed in as { $name } ({ $role })
newsroom-role-editor = editor
newsroom-role-translator = translator
newsroom-role-moderator = moderator
newsroom-forbidden = Your role does not allow this.
newsroom-review-heading = Translations waiting for review
newsroom-review-empty = No translation is waiting for review.
newsroom-review-open = Read and decide
newsroom-held-because = Held because:
newsroom-status-machine-translated = held for review
newsroom-status-failed = failed
newsroom-status-reviewed = reviewed
newsroom-status-published = published
newsroom-segment-source = Source ({ $language })
newsroom-segment-translation = Translation ({ $language })
newsroom-segment-label = Segment { $number }
newsroom-save-corrections = Save the corrections
newsroom-corrected = { $count ->
    [0] No segment was changed.
    [one] One segment was corrected and remembered.
   *[other] { $count } segments were corrected and remembered.
}
newsroom-publish = Publish
newsroom-withdraw = Withdraw
newsroom-decided = The { $language } edition is now { $status }.
newsroom-history-heading = History
newsroom-history-empty = Nobody has decided on this edition yet.
newsroom-action-published = Published by { $name }.
newsroom-action-withdrawn = Withdrawn by { $name }.
newsroom-action-corrected = { $count ->
    [one] One segment corrected by { $name }.
   *[other] { $count } segments corrected by { $name }.
}
newsroom-actor-command-line = the command line on the server
newsroom-comments-heading = Comments waiting for moderation
newsroom-comments-empty = No comment is waiting for moderation.
newsroom-comment-on = On “{ $title }” ({ $language })
newsroom-approve = Approve
newsroom-reject = Reject
newsroom-comment-decided = The comment was { $decision ->
    [approved] approved
   *[rejected] rejected
}.
newsroom-decision-not-allowed = This decision is not possible for this edition in its present state.
form-refused = This form was sent from another site, so it was not accepted.

## Why a translation is held: the checks' findings.

problem-empty = The translation is empty: the engine returned no text.
problem-identical = The translation is identical to the source: the text was not translated.
problem-missing-numbers = Numbers of the source are missing or changed: { $numbers }.
problem-missing-terms = Names or glossary terms are missing: { $terms }.
problem-wrong-language = The translation reads as { $detected }, not { $expected }.
problem-unrecognised-language = The translation is not recognisably { $expected }.
problem-length-ratio = The translation is { $ratio } times as long as the source, outside { $min } to { $max }: text may be missing or repeated.
problem-unknown-words = { $count ->
    [one] { $count } word was left untranslated; at most { $limit } are acceptable here.
   *[other] { $count } words were left untranslated; at most { $limit } are acceptable here.
}
problem-generation-errors = { $count ->
    [one] { $count } word form could not be generated; at most { $limit } are acceptable here.
   *[other] { $count } word forms could not be generated; at most { $limit } are acceptable here.
}
problem-title-empty = The title came back empty.
problem-engine = The engine failed: { $detail }

## Feeds (Atom): their titles.

feed-title = Latest stories from { $site }
feed-title-category = { $category } on { $site }
feed-title-author = { $author } on { $site }
feed-title-place = { $place } on { $site }

## The API's documentation page (/api/docs)

api-docs-title = The JSON API
api-docs-intro = Every public read of this site as JSON, described by an OpenAPI document that programs can read.
api-docs-document = The OpenAPI document
api-docs-parameter = Parameter
api-docs-where = Where
api-docs-meaning = Meaning
api-docs-in-path = path
api-docs-in-query = query
api-docs-answers = Answers:

## A member's account page: API keys

account-title = Your account
account-keys-heading = API keys
account-no-keys = You have no API key yet.
account-key-name = Name of the new key
account-create-key = Create a key
account-key-created = Copy this key now: it is shown only once. Programs send it as Authorization: Bearer followed by the key.
account-revoke = Revoke
account-key-revoked = The key is revoked: it opens nothing any more.
account-key-revoked-label = revoked
account-key-made = made { $date }
account-key-used = last used { $date }
account-key-never-used = never used
account-key-name-bad = Give the key a name of at most 80 characters.

## Newsroom: sources
sources-title = News sources
sources-add-heading = Follow a source
sources-add-label = Address of a feed, a sitemap or a page that links one
sources-add-hint = RSS, Atom, JSON Feed or a sitemap; a home page that names its feed works too.
sources-add-submit = Follow
sources-empty = No sources yet.
sources-caption = Sources loa follows
sources-col-outlet = Outlet and address
sources-col-state = State
sources-col-last-fetch = Last fetch
sources-col-error = Last error
sources-col-robots = Robots rules
sources-col-articles = Stories
sources-col-actions = Actions
sources-kind-feed = feed
sources-kind-sitemap = sitemap
sources-active = Following
sources-paused = Paused
sources-never = Never
sources-failures-in-a-row = ({ $count } in a row)
sources-robots-allowed = Allowed
sources-robots-refused = Refused
sources-robots-unknown = Not read yet
sources-pause = Pause
sources-resume = Resume
sources-remove = Remove
sources-notice-added = The source is followed; its first poll is done.
sources-notice-paused = The source is paused: it is not polled until resumed.
sources-notice-resumed = The source is followed again.
sources-notice-removed = The source is removed; its stories stay.
sources-cannot-follow-here = This node cannot follow new sources.
sources-error-not-an-address = That is not a web address (http or https).
sources-error-not-a-feed = That address is neither a feed nor a sitemap, and the page names none. Nothing was added.
sources-error-unreachable = That address could not be fetched: { $reason }
sources-error-failed = The source could not be saved. Try again; the fault is logged.
sources-error-action = That is not something a source can do.

## Newsroom: audit log
audit-title = Audit log
audit-filter-member = Member
audit-filter-action = Decision
audit-filter-lang = Language
audit-filter-any = Any
audit-filter-submit = Filter
audit-empty = No decisions match.
audit-caption = Decisions in the newsroom, newest first
audit-col-when = When
audit-col-who = Who
audit-col-what = Decision
audit-col-story = Story or source
audit-col-change = What changed
audit-kind-published = Published
audit-kind-withdrawn = Withdrawn
audit-kind-corrected = Corrected
audit-kind-approved = Comment approved
audit-kind-rejected = Comment rejected
audit-comment-pending = awaiting moderation
audit-comment-visible = visible
audit-comment-rejected = rejected
audit-segments = { $count ->
    [one] { $count } segment corrected
   *[other] { $count } segments corrected
}
audit-older = Older decisions

## Newsroom: account access
account-notice-password-changed = Your password is changed; every other browser is signed out.
account-notice-sessions-ended = Every other browser is signed out.
account-sessions-heading = Where you are signed in
account-session = Signed in on { $since }, until { $until }
account-session-this = this browser
account-end-other-sessions = Sign out everywhere else
account-password-heading = Change your password
account-password-current = Current password
account-password-new = New password (at least { $min } characters)
account-password-repeat = New password again
account-password-submit = Change password
account-password-short = The new password must have at least { $min } characters.
account-password-mismatch = The two new passwords differ.
account-password-wrong = The current password is not right. Nothing was changed.

## Newsroom: a story
story-title = Story
story-saved = Section, places and topics saved; every edition follows.
story-editions = Editions
story-original = the original
story-tags-heading = Section, places and topics
story-category = Section
story-places = Places (one a line)
story-topics = Topics (one a line)
story-tags-hint = Changes reach every edition, the search and the feeds.
story-save = Save
story-error-category = Choose one of the sections.
story-error-tags = At most { $max } places and { $max } topics, each up to { $chars } characters. Nothing was changed.
audit-kind-retagged = Retagged
newsroom-action-retagged = Retagged by { $name }.

## Story workflow: states, the schedule and embargoes

date-time-format = { $date }, { $time } UTC
story-workflow-heading = Workflow
story-state-now = State: { $state }
story-state-draft = Draft
story-state-in_review = In review
story-state-scheduled = Scheduled
story-state-published = Published
story-state-withdrawn = Withdrawn
story-publishes-at = Publishes at { $time }
story-embargo-until = Under embargo until { $time }
story-publish-at-label = Publish at (UTC)
story-embargo-label = Embargo until (UTC)
story-workflow-hint = Readers see a story only while it is published. Times are UTC. Nobody can publish a story before its embargo ends.
story-step-draft = Save as draft
story-step-review = Send to review
story-step-publish = Publish now
story-step-schedule = Schedule
story-step-withdraw = Withdraw
story-workflow-saved = The story's state was saved; readers, search and feeds follow.
story-error-time = A time could not be read; use the calendar or the form year-month-day hours:minutes.
story-error-no-time = Choose when to publish the story before scheduling it.
story-error-past = The time { $time } has already passed; choose a later one. Nothing was changed.
story-error-embargoed = The story is under embargo until { $time }; schedule it for then or later. Nothing was changed.
story-error-before-embargo = The scheduled time falls before the embargo ends at { $time }. Nothing was changed.
story-error-step = That step is not open to the story in its present state. Nothing was changed.
audit-kind-workflow = Workflow
audit-actor-schedule = the schedule
schedule-title = Stories not yet public
schedule-empty = Every story is published: none is a draft, in review, scheduled or withdrawn.
schedule-col-story = Story
schedule-col-publish-at = Publishes at
schedule-col-embargo = Embargo until
audit-kind-source_followed = Source followed
audit-kind-source_paused = Source paused
audit-kind-source_resumed = Source resumed
audit-kind-source_removed = Source removed
audit-embargo = embargo until { $time }
