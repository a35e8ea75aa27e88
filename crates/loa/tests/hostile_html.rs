//! Hostile HTML, end to end: an outlet on loopback serves articles made of
//! the OWASP XSS filter-evasion vectors (script, event handlers,
//! `javascript:` and `data:` URLs, SVG, entities, unclosed tags, CSS,
//! mutation tricks) in every place a page has them (title, meta tags,
//! JSON-LD, paragraphs, links, figures, frames); the real pipeline fetches,
//! extracts, translates and publishes them, and readers send the same
//! vectors as comments. Every page a reader or a moderator then sees is
//! loaded in headless Chromium:
//!
//! - as served, with the site's Content-Security-Policy: Chromium reports
//!   no blocked script (nothing tried to run);
//! - as a file without any CSP, behind a hook that records every call of
//!   `alert`, `confirm`, `prompt` and `print` (each vector calls one with
//!   its number): nothing recorded, and the DOM Chromium built has no event
//!   handler, script, frame, object, style or `javascript:`/`data:` URL that
//!   loa did not put there itself.
//!
//! The outlet's own pages, through the same hook, record 12 to 17 distinct runs:
//! the detector sees what it is looking for.

mod common;

use common::{Fixture, Reply, TestApp};
use loa_domain::{CommentStatus, Lang, Role};
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

/// OWASP's filter-evasion cheat sheet, and the mutation-XSS classics, each
/// calling `alert(N)` (or another hooked function) if it ever runs; code
/// running inside a frame calls its parent's, which is hooked.
const VECTORS: &[&str] = &[
    "<script>alert(1)</script>",
    "<script src=\"data:text/javascript,alert(2)\"></script>",
    "<IMG SRC=\"javascript:alert(3);\">",
    "<IMG SRC=JaVaScRiPt:alert(4)>",
    "<IMG SRC=`javascript:alert(5)`>",
    "<a onmouseover=\"alert(6)\">xxs link</a>",
    "<IMG \"\"\"><SCRIPT>alert(7)</SCRIPT>\">",
    "<IMG SRC=/ onerror=\"alert(8)\"></img>",
    "<img src=x onerror=\"&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(9)\">",
    "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#49;&#48;&#41;>",
    "<IMG SRC=\"jav&#x09;ascript:alert(11);\">",
    "<SCRIPT/XSS SRC=\"data:,alert(12)\"></SCRIPT>",
    "<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert(13)>",
    "<<SCRIPT>alert(14);//\\<</SCRIPT>",
    "<SCRIPT SRC=data:,alert(15)?< B >",
    "<iframe src=\"javascript:parent.alert(16)\"></iframe>",
    "<svg/onload=alert(17)>",
    "<svg><script>alert(18)</script></svg>",
    "<INPUT TYPE=\"IMAGE\" SRC=\"javascript:alert(19);\">",
    "<BODY BACKGROUND=\"javascript:alert(20)\">",
    "<STYLE>li {list-style-image: url(\"javascript:alert(21)\");}</STYLE><UL><LI>XSS</br>",
    "<svg><a xlink:href=\"javascript:alert(22)\"><text x=\"20\" y=\"20\">XSS</text></a></svg>",
    "<META HTTP-EQUIV=\"refresh\" CONTENT=\"0;url=javascript:alert(23);\">",
    "<IFRAME SRC=\"data:text/html,<script>parent.alert(24)</script>\"></IFRAME>",
    "<OBJECT TYPE=\"text/x-scriptlet\" DATA=\"javascript:alert(25)\"></OBJECT>",
    "<EMBED SRC=\"data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' onload='parent.alert(26)'/>\" type=\"image/svg+xml\">",
    "<DIV STYLE=\"background-image: url(javascript:alert(27))\">x</DIV>",
    "<DIV STYLE=\"width: expression(alert(28));\">x</DIV>",
    "<a href=\"javascript:alert(29)\">click</a>",
    "<a href=\"  JaVaScRiPt:alert(30)\">click</a>",
    "<a href=\"jav&#x0A;ascript:alert(31)\">click</a>",
    "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgzMik8L3NjcmlwdD4=\">click</a>",
    "<a href=\"vbscript:msgbox(33)\">click</a>",
    "<details open ontoggle=alert(34)>x</details>",
    "<video><source onerror=\"alert(35)\"></video>",
    "<img src=x onerror=confirm(36)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(37)>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(38)>\"></noscript>",
    "<form><button formaction=javascript:alert(39)>X</button></form>",
    "<isindex type=image src=1 onerror=alert(40)>",
    "\"><img src=x onerror=alert(41)>",
    "</title><script>alert(42)</script>",
    "</script><script>alert(43)</script>",
    "<base href=\"javascript:alert(44)//\">",
    "<link rel=stylesheet href=\"javascript:alert(45)\">",
    "<marquee loop=1 width=0 onfinish=alert(46)>x</marquee>",
    "<img src=x onerror=alert(47)",
    "<scr<script>ipt>alert(48)</scr</script>ipt>",
    "&lt;script&gt;alert(49)&lt;/script&gt;",
    "&lt;img src=x onerror=alert(50)&gt;",
    "<svg><animate onbegin=alert(51) attributeName=x dur=1s>",
    "<object data=\"data:text/html,<script>parent.alert(52)</script>\"></object>",
    "<iframe srcdoc=\"<script>parent.alert(53)</script>\"></iframe>",
    "<style>@import 'javascript:alert(54)';</style>",
    "<img src=\"x\" onerror=\"print()\">",
    "<body onpageshow=alert(56)>",
    "<x contenteditable onfocus=alert(57) autofocus>x</x>",
    "<input onfocus=alert(58) autofocus>",
    "<a href=\"&#106;avascript:alert(59)\">click</a>",
    "<img src=x:x onerror=prompt(60)>",
];

/// Hooks the functions vectors call; anything called is written on the
/// root element, where `--dump-dom` shows it.
const HOOK: &str = "<script data-test-hook>(function(){var r=document.documentElement;\
['alert','confirm','prompt','print'].forEach(function(n){window[n]=function(m){\
r.setAttribute('data-xss',(r.getAttribute('data-xss')||'')+'|'+n+':'+m);};});})();</script>";

/// An article page carrying every vector in `vectors` wherever an outlet
/// page has text or markup loa reads.
fn hostile_page(n: usize, vectors: &[&str]) -> String {
    let paragraphs: String = vectors
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let words = [
                ["Lanterns", "river", "Friday", "crowd", "festival", "night"],
                ["Engineers", "bridge", "Monday", "council", "opening", "morning"],
                ["Farmers", "market", "Sunday", "buyers", "harvest", "afternoon"],
                ["Students", "library", "Tuesday", "teachers", "exam", "evening"],
                ["Fishermen", "harbour", "Wednesday", "families", "regatta", "dawn"],
                ["Doctors", "hospital", "Thursday", "patients", "clinic", "week"],
            ][n % 6];
            format!(
                "<p>{} gathered by the {} on {} number {i}, {v} and a {} of {} cheered \
                 as the <a href=\"{href}\">{}</a> went on until late in the {}.</p>\n",
                words[0],
                words[1],
                words[2],
                words[3],
                100 * n + i,
                words[4],
                words[5],
                href = if i % 2 == 0 { "javascript:alert(99)" } else { "https://outlet.example/festival" }
            )
        })
        .collect();
    let attr = |v: &str| v.replace('"', "&quot;");
    format!(
        r#"<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Hostile story {n} {t}</title>
<meta property="og:title" content="Hostile story {n} {a0}">
<meta property="og:description" content="{a1}">
<meta property="og:image" content="javascript:alert(98)">
<meta name="author" content="Mallory {a2}">
<script type="application/ld+json">{{"@type":"NewsArticle","headline":"Hostile story {n} </script><script>alert(97)</script>","author":{{"name":"Mallory"}}}}</script>
</head><body onload="alert(96)">
<article><h1>Hostile story {n} {t}</h1><time datetime="2026-05-04T08:00:00Z">4 May 2026</time>
<p class="lead">The lead of hostile story {n} says 500 lanterns were lit {t}.</p>
<figure><img src="javascript:alert(95)" alt="{a0}"><figcaption>{t}</figcaption></figure>
<figure><img src="/pic.png" alt="{a1}" onerror="alert(94)"><figcaption>A caption {t}</figcaption></figure>
<iframe src="javascript:alert(93)"></iframe>
<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ&quot;onload=&quot;alert(92)"></iframe>
{paragraphs}
</article></body></html>"#,
        t = vectors[0],
        a0 = attr(vectors[0]),
        a1 = attr(vectors[1 % vectors.len()]),
        a2 = attr(vectors[2 % vectors.len()]),
    )
}

fn chromium(args: &[&str], profile: &Path) -> std::process::Output {
    // A dialog no hook catches (a frame's own `alert`) would wait forever.
    common::chromium(profile, 90)
        .args(["--enable-logging=stderr", "--v=0", "--virtual-time-budget=3000", "--dump-dom"])
        .args(args)
        .output()
        .unwrap()
}

/// What Chromium made of a page: the DOM, and the scripts its CSP blocked.
struct Loaded {
    dom: String,
    blocked: Vec<String>,
}

async fn load(target: String, profile: &Path) -> Loaded {
    let profile = profile.to_path_buf();
    let out = tokio::task::spawn_blocking(move || chromium(&[&target], &profile)).await.unwrap();
    let log = String::from_utf8_lossy(&out.stderr);
    let blocked = log
        .lines()
        .filter(|l| l.contains("Content Security Policy") && (l.contains("script") || l.contains("event handler")))
        .map(str::to_string)
        .collect();
    Loaded { dom: String::from_utf8_lossy(&out.stdout).into_owned(), blocked }
}

/// The calls the hook recorded.
fn recorded(dom: &str) -> BTreeSet<String> {
    let doc = scraper::Html::parse_document(dom);
    let root = doc.root_element();
    root.value().attr("data-xss").unwrap_or_default().split('|').filter(|s| !s.is_empty()).map(str::to_string).collect()
}

/// Whatever in the DOM could run script, except what loa puts there itself
/// (JSON-LD data, frames of the two video hosts) and the test's hook.
fn dangerous(dom: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(dom);
    let all = scraper::Selector::parse("*").unwrap();
    let mut found = Vec::new();
    for el in doc.select(&all) {
        let v = el.value();
        let name = v.name();
        if v.attr("data-test-hook").is_some() {
            continue;
        }
        let ok_frame =
            |src: &str| src.starts_with("https://www.youtube-nocookie.com/") || src.starts_with("https://player.vimeo.com/");
        match name {
            "script" if v.attr("type") == Some("application/ld+json") && el.children().count() <= 1 => {}
            "iframe" if v.attr("src").is_some_and(ok_frame) && v.attr("srcdoc").is_none() => {}
            "script" | "iframe" | "object" | "embed" | "base" | "style" | "frame" | "frameset" | "applet" | "form"
                if name != "form" || v.attr("action").is_none_or(|a| !a.starts_with('/')) =>
            {
                found.push(format!("<{name}> {}", el.html().chars().take(120).collect::<String>()))
            }
            "meta" if v.attr("http-equiv").is_some_and(|h| h.eq_ignore_ascii_case("refresh")) => {
                found.push("<meta refresh>".into())
            }
            _ => {}
        }
        for (attr, value) in v.attrs() {
            let squeezed: String =
                value.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect::<String>().to_ascii_lowercase();
            if attr.starts_with("on") || ["javascript:", "vbscript:", "data:"].iter().any(|s| squeezed.starts_with(s)) {
                found.push(format!("<{name} {attr}={value:?}>"));
            } else if attr == "style"
                && (squeezed.contains("expression(") || squeezed.contains("javascript:") || squeezed.contains("url("))
            {
                found.push(format!("<{name} style={value:?}>"));
            } else if attr == "srcdoc" || attr == "formaction" || attr.contains("href") && name != "a" && name != "link" {
                found.push(format!("<{name} {attr}={value:?}>"));
            }
        }
    }
    found
}

/// `html` as a file with the hook first in its head and no CSP.
fn hooked_file(dir: &Path, name: &str, html: &str) -> String {
    let hooked = match html.find("<head>") {
        Some(i) => format!("{}<head>{HOOK}{}", &html[..i], &html[i + 6..]),
        None => format!("{HOOK}{html}"),
    };
    let path = dir.join(name);
    std::fs::write(&path, hooked).unwrap();
    format!("file://{}", path.display())
}

#[tokio::test]
async fn hostile_pages_and_comments_run_no_script_in_chromium() {
    // Ten vectors a page; those that swallow the rest of a page (a raw-text
    // `<style>` or `<noscript>`) go last, so each page carries all of its.
    let swallows = |v: &&&str| {
        let v = v.to_ascii_lowercase();
        v.contains("<style") || v.contains("<noscript")
    };
    let (last, first): (Vec<&&str>, Vec<&&str>) = VECTORS.iter().partition(swallows);
    let mut groups: Vec<Vec<&str>> = first.chunks(10).map(|c| c.iter().map(|v| **v).collect()).collect();
    for (i, v) in last.into_iter().enumerate() {
        groups[i % 6].push(v);
    }
    let pages: Vec<String> = groups.iter().enumerate().map(|(n, v)| hostile_page(n + 1, v)).collect();
    let outlet = Fixture::start_with(|addr| {
        let mut routes: HashMap<String, Reply> =
            pages.iter().enumerate().map(|(n, p)| (format!("/hostile-{}.html", n + 1), Reply::html(p))).collect();
        let links: Vec<String> = (1..=pages.len()).map(|n| format!("http://{addr}/hostile-{n}.html")).collect();
        routes.insert("/rss.xml".into(), Reply::xml(&common::rss(&links)));
        routes
    })
    .await;

    let app = TestApp::with(|c| {
        c.languages = vec![Lang::En, Lang::Es];
        c.trusted_proxies = vec!["127.0.0.1".into()];
    })
    .await;
    loa::ingest::ingest_url(&app.services, &outlet.url("/rss.xml"), None).await.unwrap();
    app.drain().await;
    let store = &app.services.store;
    let entries = store.sitemap().await.unwrap();
    assert_eq!(
        entries.len(),
        pages.len(),
        "every hostile page became an article: {:?}",
        app.services.store.job_counts(loa_store::JobKind::FetchArticle).await
    );
    let base = app.serve().await;

    // Readers send the vectors as names and comments; half are approved.
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let slug = entries[0].slug.clone();
    for (i, v) in VECTORS.iter().enumerate() {
        let resp = client
            .post(format!("{base}/en/article/{slug}/comments"))
            .header("x-forwarded-for", format!("203.0.113.{}", i + 1))
            .form(&[("name", &format!("Mallory {}", &v[..v.len().min(60)])), ("body", &format!("I agree. {v} Well said."))])
            .send()
            .await
            .unwrap();
        assert!(resp.headers()["location"].to_str().unwrap().contains("comment=thanks"), "comment {i} kept");
    }
    let editor =
        store.create_user("lan", "Lan", Role::Editor, &loa_web::auth::hash_password("a long newsroom password")).await.unwrap();
    for c in store.pending_comments(1000).await.unwrap().into_iter().step_by(2) {
        store.moderate_comment(c.id, CommentStatus::Visible, &editor).await.unwrap();
    }
    let token = loa_web::auth::new_session_token();
    store
        .create_session(editor.id, &loa_web::auth::token_hash(&token), chrono::Utc::now() + chrono::Duration::hours(1))
        .await
        .unwrap();

    // Every page the vectors reach: both articles in both languages, the
    // front page, search, author and section pages, and the desk.
    let mut paths = vec![
        "/en/".to_string(),
        "/es/".into(),
        "/en/search?q=lanterns".into(),
        "/en/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E".into(),
    ];
    for e in &entries {
        for l in &e.langs {
            paths.push(format!("/{}/article/{}", l.code(), e.slug));
        }
    }
    assert!(paths.len() >= 8, "translated too: {paths:?}");
    // The author and section pages the article links to.
    let article_html = client.get(format!("{base}/en/article/{slug}")).send().await.unwrap().text().await.unwrap();
    for prefix in ["/en/author/", "/en/category/"] {
        if let Some(at) = article_html.find(&format!("href=\"{prefix}")) {
            let rest = &article_html[at + 6..];
            paths.push(rest[..rest.find('"').unwrap()].to_string());
        }
    }
    assert!(paths.iter().any(|p| p.starts_with("/en/author/")), "the author page is checked too");

    let dir = tempfile::tempdir().unwrap();
    let profile = tempfile::tempdir().unwrap();
    let mut report = Vec::new();
    let mut loads = 0;
    let mut everything = String::new();
    for (i, path) in paths.iter().chain(["/en/newsroom/".to_string()].iter()).enumerate() {
        let desk = path.ends_with("/newsroom/");
        let resp = client.get(format!("{base}{path}")).header("cookie", format!("loa_session={token}")).send().await.unwrap();
        assert_eq!(resp.status(), 200, "{path}");
        let html = resp.text().await.unwrap();
        everything.push_str(&html);
        if desk {
            assert!(html.contains("Mallory"), "the desk lists the pending comments");
        }
        if !desk {
            let served = load(format!("{base}{path}"), profile.path()).await;
            loads += 1;
            assert!(served.dom.contains("</html>"), "{path}: Chromium rendered nothing");
            if !served.blocked.is_empty() {
                report.push(format!("{path} as served: the CSP blocked {:#?}", served.blocked));
            }
        }
        let bare = load(hooked_file(dir.path(), &format!("page-{i}.html"), &html), profile.path()).await;
        loads += 1;
        assert!(bare.dom.contains("</html>"), "{path}: Chromium rendered nothing without CSP (stopped?)");
        let ran = recorded(&bare.dom);
        if !ran.is_empty() {
            report.push(format!("{path} without CSP: ran {ran:?}"));
        }
        let found = dangerous(&bare.dom);
        if !found.is_empty() {
            report.push(format!("{path}: dangerous markup {found:#?}"));
        }
    }
    assert!(report.is_empty(), "{}", report.join("\n"));
    // The vectors reached the pages, as text: the check above had
    // something to find.
    for shown in ["&lt;script&gt;alert(49)&lt;/script&gt;", "I agree. &lt;svg/onload=alert(17)&gt;", "Mallory &lt;"] {
        assert!(everything.contains(shown), "no {shown:?} on any page");
    }

    // The detector works: the outlet's own pages, through the same hook.
    let mut ran_at_outlet = BTreeSet::new();
    let mut flagged_at_outlet = 0;
    let mut stopped_at_outlet = 0;
    for (n, page) in pages.iter().enumerate() {
        let raw = load(hooked_file(dir.path(), &format!("outlet-{n}.html"), page), profile.path()).await;
        // An outlet page a real dialog holds open (a vector in a frame
        // reaching past the hook) is stopped; the others must show.
        if !raw.dom.contains("</html>") {
            stopped_at_outlet += 1;
            continue;
        }
        ran_at_outlet.extend(recorded(&raw.dom));
        flagged_at_outlet += dangerous(&raw.dom).len();
    }
    // Which of the raw pages a real dialog holds open is a race between the
    // hook and the frames, and a busy machine loses more of them; so the
    // detector is judged on the pages that did show: on each of them the
    // markup check finds the outlet's vectors and the hook records scripts
    // running (measured: 13-24 dangerous nodes and 2-3 vectors a page).
    let shown = pages.len() - stopped_at_outlet;
    assert!(shown >= 1, "none of the outlet's {} pages finished loading", pages.len());
    assert!(flagged_at_outlet >= 5 * shown, "the markup check sees the outlet's vectors: {flagged_at_outlet} in {shown} pages");
    assert!(ran_at_outlet.len() >= shown, "the hook records what runs: {ran_at_outlet:?} in {shown} pages");
    println!(
        "hostile HTML: {} vectors in {} pages and {} comments, {} pages loaded {loads} times in Chromium, 0 scripts run \
         (the outlet's own pages: {} ran, {flagged_at_outlet} dangerous nodes)",
        VECTORS.len(),
        pages.len(),
        VECTORS.len(),
        paths.len() + 1,
        ran_at_outlet.len()
    );
}
