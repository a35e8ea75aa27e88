# loa — trang đọc tin, tiếng Việt.

## Site frame

site-name = Loa — Tin tức Việt Nam
site-tagline = Tin tức Việt Nam, bằng ngôn ngữ của bạn
skip-to-content = Chuyển đến nội dung chính
nav-label = Chuyên mục
nav-home = Trang chủ
language-switcher-label = Đọc trang này bằng ngôn ngữ khác
footer-text = Loa đăng lại tin bài của các báo Việt Nam và dẫn nguồn cho từng bài. Các bản dịch máy đều được ghi chú và có thể còn sai sót.
meta-description-home = Tin tức mới nhất từ Việt Nam, được dịch sang ngôn ngữ của bạn.

## Sections

category-news = Tin tức
category-political-system = Hệ thống chính trị
category-local = Địa phương
category-heritage = Di sản
category-figures = Nhân vật
category-business = Kinh doanh
category-product = Sản phẩm
category-travel = Du lịch
category-video = Video

## Front page and lists

home-latest = Tin mới nhất
home-empty = Chưa có bài viết nào bằng ngôn ngữ này.
list-empty = Chuyên mục này chưa có bài viết nào.
author-heading = Bài viết của { $author }
pagination-label = Phân trang
pagination-previous = Trang trước
pagination-next = Trang sau
pagination-page-of = Trang { $page } trên { $pages }

## Article page

article-published = Đăng lúc
article-updated = Cập nhật
article-places = Địa điểm
article-by = Tác giả: { $author }
article-source = Nguồn: { $outlet }
article-machine-translation = Bài viết này được dịch bằng máy.
article-original-language = Ngôn ngữ gốc: { $language }
comments-heading = { $count } bình luận
comments-empty = Chưa có bình luận nào. Hãy là người đầu tiên chia sẻ ý kiến.
comment-form-heading = Viết bình luận
comment-form-name = Tên của bạn
comment-form-body = Nội dung bình luận
comment-form-hint = Bình luận sẽ hiển thị sau khi được người kiểm duyệt đọc. Tối đa { $max } ký tự.
comment-form-submit = Gửi bình luận
comment-form-trap = Hãy để trống ô này.
comment-form-thanks = Cảm ơn bạn. Bình luận của bạn sẽ hiển thị sau khi được người kiểm duyệt đọc.
comment-form-invalid = Vui lòng nhập tên và nội dung bình luận không quá { $max } ký tự.
comment-form-throttled = Bạn đã gửi nhiều bình luận trong thời gian ngắn. Vui lòng đợi vài phút.
related-same-topic = Cùng chủ đề
related-same-topic-empty = Chưa có bài viết khác cùng chủ đề.
related-same-category = Cùng chuyên mục
related-same-category-empty = Chưa có bài viết khác trong chuyên mục này.
related-same-author = Cùng tác giả
related-same-author-empty = Chưa có bài viết khác của tác giả này.
videos-heading = Video liên quan
videos-empty = Chưa có video nào.
video-link = Xem video: { $title }
video-play = Phát: { $title }
video-loads-from = Khi phát, video được tải từ { $host }.
video-back = Quay lại bài viết
article-unavailable = Bài viết này chưa có bằng ngôn ngữ này.
article-available-in = Bạn có thể đọc bài bằng:

## Search

search-label = Tìm kiếm trên trang
search-placeholder = Tên người, địa danh, chủ đề…
search-button = Tìm
search-heading = Tìm kiếm
search-results = Tìm thấy { $count } bài viết
search-no-results = Không có bài viết nào phù hợp. Hãy thử với ít từ hơn hoặc từ khác.
search-prompt = Nhập tên người, địa danh hoặc chủ đề để tìm trong tất cả bài viết.
search-refine = Thu hẹp kết quả
search-facet-category = Chuyên mục
search-facet-lang = Ngôn ngữ
search-facet-author = Tác giả
search-facet-place = Địa danh
search-sort-label = Sắp xếp
search-sort-relevance = Phù hợp nhất
search-sort-date = Mới nhất trước
search-all-languages = Mọi ngôn ngữ
search-dates-label = Đăng trong khoảng
search-date-from = Từ ngày
search-date-to = Đến ngày
search-active-filters = Bộ lọc đang dùng
search-remove-filter = Bỏ bộ lọc: { $filter }
search-clear-filters = Bỏ mọi bộ lọc
search-bad-date = Không đọc được ngày này; hãy chọn trên lịch hoặc viết theo dạng năm-tháng-ngày.

## Errors

not-found-title = Không tìm thấy trang
not-found-body = Trang bạn tìm không tồn tại hoặc đã được chuyển đi.
not-found-home = Về trang chủ
error-title = Đã xảy ra lỗi
error-body = Không thể hiển thị trang. Vui lòng thử lại sau giây lát.
rate-limited-title = Quá nhiều yêu cầu
rate-limited-body = Bạn đã gửi nhiều yêu cầu trong thời gian ngắn. Vui lòng đợi một phút rồi thử lại.

## Dates

date-format = { $day2 }/{ $month2 }/{ $year }
month-1 = tháng Một
month-2 = tháng Hai
month-3 = tháng Ba
month-4 = tháng Tư
month-5 = tháng Năm
month-6 = tháng Sáu
month-7 = tháng Bảy
month-8 = tháng Tám
month-9 = tháng Chín
month-10 = tháng Mười
month-11 = tháng Mười Một
month-12 = tháng Mười Hai

## Language names

language-vi = tiếng Việt
language-en = tiếng Anh
language-ru = tiếng Nga
language-uk = tiếng Ukraina
language-be = tiếng Belarus
language-es = tiếng Tây Ban Nha
language-fr = tiếng Pháp
language-ca = tiếng Catalunya
language-pt = tiếng Bồ Đào Nha
language-it = tiếng Ý
language-gl = tiếng Galicia
language-ro = tiếng Romania
language-de = tiếng Đức
language-zh = tiếng Trung
language-ja = tiếng Nhật
language-ko = tiếng Hàn
language-id = tiếng Indonesia

## The newsroom: pages for editors, translators and moderators.

newsroom-title = Tòa soạn
newsroom-sign-in-heading = Đăng nhập vào tòa soạn
newsroom-username = Tên đăng nhập
newsroom-password = Mật khẩu
newsroom-sign-in = Đăng nhập
newsroom-sign-out = Đăng xuất
newsroom-sign-in-failed = Tên đăng nhập hoặc mật khẩu không đúng.
newsroom-sign-in-throttled = Bạn đã nhập sai quá nhiều lần. Vui lòng thử lại sau vài phút.
newsroom-signed-in-as = Đã đăng nhập với tên { $name } ({ $role })
newsroom-role-editor = biên tập viên
newsroom-role-translator = biên dịch viên
newsroom-role-moderator = kiểm duyệt viên
newsroom-forbidden = Vai trò của bạn không được phép làm việc này.
newsroom-review-heading = Bản dịch đang chờ duyệt
newsroom-review-empty = Không có bản dịch nào đang chờ duyệt.
newsroom-review-open = Đọc và quyết định
newsroom-held-because = Bị giữ lại vì:
newsroom-status-machine-translated = đang chờ duyệt
newsroom-status-failed = ở trạng thái lỗi
newsroom-status-reviewed = đã được duyệt
newsroom-status-published = đã được đăng
newsroom-segment-source = Bản gốc ({ $language })
newsroom-segment-translation = Bản dịch ({ $language })
newsroom-segment-label = Đoạn { $number }
newsroom-save-corrections = Lưu các chỉnh sửa
newsroom-corrected = { $count ->
    [0] Không có đoạn nào được thay đổi.
   *[other] Đã sửa và ghi nhớ { $count } đoạn.
}
newsroom-publish = Đăng bài
newsroom-withdraw = Gỡ bài
newsroom-decided = Bản { $language } hiện { $status }.
newsroom-history-heading = Lịch sử
newsroom-history-empty = Chưa ai quyết định về bản này.
newsroom-action-published = { $name } đã xuất bản.
newsroom-action-withdrawn = { $name } đã gỡ xuống.
newsroom-action-corrected = { $name } đã sửa { $count } đoạn.
newsroom-actor-command-line = dòng lệnh trên máy chủ
newsroom-comments-heading = Bình luận đang chờ kiểm duyệt
newsroom-comments-empty = Không có bình luận nào đang chờ kiểm duyệt.
newsroom-comment-on = Về bài “{ $title }” ({ $language })
newsroom-approve = Duyệt
newsroom-reject = Từ chối
newsroom-comment-decided = Bình luận đã { $decision ->
    [approved] được duyệt
   *[rejected] bị từ chối
}.
newsroom-decision-not-allowed = Không thể đưa ra quyết định này cho bản này ở trạng thái hiện tại.
form-refused = Biểu mẫu này được gửi từ một trang khác nên không được chấp nhận.

## Why a translation is held: the checks' findings.

problem-empty = Bản dịch trống: công cụ dịch không trả về nội dung nào.
problem-identical = Bản dịch giống hệt bản gốc: văn bản chưa được dịch.
problem-missing-numbers = Các con số trong bản gốc bị thiếu hoặc bị thay đổi: { $numbers }.
problem-missing-terms = Thiếu tên riêng hoặc thuật ngữ trong bảng thuật ngữ: { $terms }.
problem-wrong-language = Bản dịch có vẻ được viết bằng { $detected }, không phải { $expected }.
problem-unrecognised-language = Không xác nhận được bản dịch được viết bằng { $expected }.
problem-length-ratio = Tỷ lệ độ dài giữa bản dịch và bản gốc là { $ratio }, nằm ngoài khoảng từ { $min } đến { $max }: nội dung có thể bị thiếu hoặc bị lặp.
problem-unknown-words = Có { $count } từ chưa được dịch; ở đây chỉ chấp nhận tối đa { $limit } từ.
problem-generation-errors = Không tạo được { $count } dạng từ; ở đây chỉ chấp nhận tối đa { $limit } dạng từ.
problem-title-empty = Tiêu đề bản dịch bị trống.
problem-engine = Công cụ dịch gặp lỗi: { $detail }

## Feeds (Atom): their titles.

feed-title = Tin mới nhất từ { $site }
feed-title-category = { $site }: chuyên mục { $category }
feed-title-author = { $site }: tác giả { $author }
feed-title-place = { $site }: { $place }

## The API's documentation page (/api/docs)

api-docs-title = API JSON
api-docs-intro = Mọi dữ liệu công khai của trang dưới dạng JSON, được mô tả bằng một tài liệu OpenAPI mà chương trình có thể đọc.
api-docs-document = Tài liệu OpenAPI
api-docs-parameter = Tham số
api-docs-where = Vị trí
api-docs-meaning = Ý nghĩa
api-docs-in-path = đường dẫn
api-docs-in-query = truy vấn
api-docs-answers = Phản hồi:

## A member's account page: API keys

account-title = Tài khoản của bạn
account-keys-heading = Khóa API
account-no-keys = Bạn chưa có khóa API nào.
account-key-name = Tên của khóa mới
account-create-key = Tạo khóa
account-key-created = Hãy sao chép khóa này ngay: nó chỉ hiện một lần. Chương trình gửi nó dưới dạng Authorization: Bearer kèm theo khóa.
account-revoke = Thu hồi
account-key-revoked = Khóa đã bị thu hồi: nó không còn mở được gì.
account-key-revoked-label = đã thu hồi
account-key-made = tạo ngày { $date }
account-key-used = dùng lần cuối { $date }
account-key-never-used = chưa dùng
account-key-name-bad = Hãy đặt cho khóa một tên dài tối đa 80 ký tự.

## Newsroom: sources
sources-title = Nguồn tin
sources-add-heading = Theo dõi một nguồn
sources-add-label = Địa chỉ của nguồn cấp, sơ đồ trang hoặc trang có liên kết tới chúng
sources-add-hint = RSS, Atom, JSON Feed hoặc sơ đồ trang; trang chủ có khai báo nguồn cấp cũng được.
sources-add-submit = Theo dõi
sources-empty = Chưa có nguồn nào.
sources-caption = Các nguồn loa đang theo dõi
sources-col-outlet = Cơ quan và địa chỉ
sources-col-state = Trạng thái
sources-col-last-fetch = Lần tải gần nhất
sources-col-error = Lỗi gần nhất
sources-col-robots = Quy tắc robots.txt
sources-col-articles = Bài
sources-col-actions = Thao tác
sources-kind-feed = nguồn cấp
sources-kind-sitemap = sơ đồ trang
sources-active = Đang theo dõi
sources-paused = Tạm dừng
sources-never = Chưa lần nào
sources-failures-in-a-row = ({ $count } lần liên tiếp)
sources-robots-allowed = Cho phép
sources-robots-refused = Từ chối
sources-robots-unknown = Chưa đọc
sources-pause = Tạm dừng
sources-resume = Tiếp tục
sources-remove = Gỡ bỏ
sources-notice-added = Đã theo dõi nguồn; lần lấy tin đầu tiên đã xong.
sources-notice-paused = Nguồn đã tạm dừng: không lấy tin cho đến khi tiếp tục.
sources-notice-resumed = Nguồn được theo dõi trở lại.
sources-notice-removed = Đã gỡ nguồn; các bài của nguồn vẫn được giữ.
sources-cannot-follow-here = Máy chủ này không thể theo dõi nguồn mới.
sources-error-not-an-address = Đây không phải địa chỉ web (http hoặc https).
sources-error-not-a-feed = Địa chỉ này không phải nguồn cấp hay sơ đồ trang, và trang cũng không khai báo cái nào. Chưa thêm gì.
sources-error-unreachable = Không tải được địa chỉ này: { $reason }
sources-error-failed = Không lưu được nguồn. Hãy thử lại; lỗi đã được ghi lại.
sources-error-action = Nguồn không có thao tác này.

## Newsroom: audit log
audit-title = Nhật ký quyết định
audit-filter-member = Thành viên
audit-filter-action = Quyết định
audit-filter-lang = Ngôn ngữ
audit-filter-any = Tất cả
audit-filter-submit = Lọc
audit-empty = Không có quyết định nào phù hợp.
audit-caption = Các quyết định trong tòa soạn, mới nhất trước
audit-col-when = Thời điểm
audit-col-who = Người thực hiện
audit-col-what = Quyết định
audit-col-story = Bài viết hoặc nguồn
audit-col-change = Thay đổi
audit-kind-published = Đã đăng
audit-kind-withdrawn = Đã rút
audit-kind-corrected = Đã sửa
audit-kind-approved = Đã duyệt bình luận
audit-kind-rejected = Đã từ chối bình luận
audit-comment-pending = chờ duyệt
audit-comment-visible = hiển thị
audit-comment-rejected = bị từ chối
audit-segments = Đã sửa { $count } đoạn
audit-older = Các quyết định cũ hơn

## Newsroom: account access
account-notice-password-changed = Đã đổi mật khẩu; mọi trình duyệt khác đã bị đăng xuất.
account-notice-sessions-ended = Mọi trình duyệt khác đã bị đăng xuất.
account-sessions-heading = Nơi bạn đang đăng nhập
account-session = Đăng nhập ngày { $since }, hiệu lực đến { $until }
account-session-this = trình duyệt này
account-end-other-sessions = Đăng xuất ở mọi nơi khác
account-password-heading = Đổi mật khẩu
account-password-current = Mật khẩu hiện tại
account-password-new = Mật khẩu mới (ít nhất { $min } ký tự)
account-password-repeat = Nhập lại mật khẩu mới
account-password-submit = Đổi mật khẩu
account-password-short = Mật khẩu mới phải có ít nhất { $min } ký tự.
account-password-mismatch = Hai mật khẩu mới không khớp.
account-password-wrong = Mật khẩu hiện tại không đúng. Chưa có gì thay đổi.

## Newsroom: a story
story-title = Bài viết
story-saved = Đã lưu chuyên mục, địa danh và chủ đề; mọi phiên bản cập nhật theo.
story-editions = Các phiên bản
story-original = bản gốc
story-tags-heading = Chuyên mục, địa danh và chủ đề
story-category = Chuyên mục
story-places = Địa danh (mỗi dòng một)
story-topics = Chủ đề (mỗi dòng một)
story-tags-hint = Thay đổi áp dụng cho mọi phiên bản, tìm kiếm và nguồn cấp.
story-save = Lưu
story-error-category = Hãy chọn một chuyên mục.
story-error-tags = Tối đa { $max } địa danh và { $max } chủ đề, mỗi mục không quá { $chars } ký tự. Chưa có gì thay đổi.
audit-kind-retagged = Đổi phân loại
newsroom-action-retagged = { $name } đã đổi phân loại.

## Story workflow: states, the schedule and embargoes

date-time-format = { $time } UTC, { $date }
story-workflow-heading = Quy trình xuất bản
story-state-now = Trạng thái: { $state }
story-state-draft = Bản nháp
story-state-in_review = Đang duyệt
story-state-scheduled = Đã hẹn giờ
story-state-published = Đã xuất bản
story-state-withdrawn = Đã gỡ
story-publishes-at = Xuất bản lúc { $time }
story-embargo-until = Cấm đăng đến { $time }
story-publish-at-label = Xuất bản lúc (UTC)
story-embargo-label = Cấm đăng đến (UTC)
story-workflow-hint = Độc giả chỉ thấy bài khi bài đã xuất bản. Thời gian tính theo UTC. Không ai được xuất bản bài trước khi hết hạn cấm đăng.
story-step-draft = Lưu bản nháp
story-step-review = Gửi duyệt
story-step-publish = Xuất bản ngay
story-step-schedule = Hẹn giờ
story-step-withdraw = Gỡ bài
story-workflow-saved = Đã lưu trạng thái bài; độc giả, tìm kiếm và nguồn tin cập nhật theo.
story-error-time = Không đọc được thời gian; hãy dùng lịch hoặc dạng năm-tháng-ngày giờ:phút.
story-error-no-time = Hãy chọn thời điểm xuất bản trước khi hẹn giờ.
story-error-past = Thời điểm { $time } đã qua; hãy chọn thời điểm muộn hơn. Không có gì thay đổi.
story-error-embargoed = Bài đang bị cấm đăng đến { $time }; hãy hẹn giờ từ lúc đó trở đi. Không có gì thay đổi.
story-error-before-embargo = Thời điểm hẹn giờ sớm hơn lúc hết hạn cấm đăng ({ $time }). Không có gì thay đổi.
story-error-step = Bước này không áp dụng được cho bài ở trạng thái hiện tại. Không có gì thay đổi.
audit-kind-workflow = Quy trình
audit-actor-schedule = lịch hẹn giờ
schedule-title = Bài chưa công khai
schedule-empty = Mọi bài đều đã xuất bản: không có bài nháp, đang duyệt, hẹn giờ hay đã gỡ.
schedule-col-story = Bài
schedule-col-publish-at = Xuất bản lúc
schedule-col-embargo = Cấm đăng đến
audit-kind-source_followed = Theo dõi nguồn
audit-kind-source_paused = Tạm dừng nguồn
audit-kind-source_resumed = Tiếp tục nguồn
audit-kind-source_removed = Gỡ nguồn
audit-embargo = cấm đăng đến { $time }
