#!/usr/bin/env python3
"""Writes the multilingual evaluation set: news pages in German, French,
Russian, Vietnamese and Chinese laid out the ways news sites of those
languages lay out a story, with their truth.

Usage: generate.py OUT_DIR

Writes OUT_DIR/html/<id>.html and OUT_DIR/ground-truth.json, the shape of
the shared benchmark's truth ({id: {"articleBody": text}}, scored by
score.py), plus per page the sentences that must be present ("mustHave":
every sentence of the story, and its lead unless the layout shows it
with the headline, apart from the body, as the shared benchmark's truth
leaves such standfirsts out) and the boilerplate
that must be absent ("mustNotHave": related headlines, comments,
newsletter, cookie and copyright notices, author boxes, the "read also"
teasers inside the story). Deterministic: the same files every run.

Each layout imitates a family of real templates (no outlet's markup is
copied): the story cut into several sibling text containers around ad
slots; the story in <main>/<section> with no article classes at all; a
teaser paragraph above the body; lists and tables that are part of the
story; text between <br>s in an old table layout; one container per
paragraph with "read also" boxes between them; CJK-style indented
paragraphs with an editor line; the story inside containers whose
utility classes read as boilerplate (hidden-print, no-ads, widget); and
the story's own container with state classes that read as boilerplate
(share-enabled, comments-open) beside short teasers, where the body finder
alone keeps too little.
"""

import html
import json
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from texts import TEXTS  # noqa: E402

E = html.escape


def paragraphs(story):
    """The story's sentences grouped into four paragraphs."""
    s = story["sentences"]
    return [" ".join(s[0:2]), s[2], " ".join(s[3:5]), " ".join(s[5:7])]


def head(lang, story, b):
    return (f"<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">"
            f"<title>{E(story['title'])} | {E(b['site'])}</title>"
            f"<meta name=\"description\" content=\"{E(story['lead'])}\">"
            f"<meta property=\"og:title\" content=\"{E(story['title'])}\">"
            "<link rel=\"stylesheet\" href=\"/static/site.css\"></head>")


def nav(t, cls="main-nav"):
    items = "".join(f"<li><a href=\"/{i}/\">{E(n)}</a></li>" for i, n in enumerate(t["nav"]))
    return f"<nav class=\"{cls}\"><ul>{items}</ul></nav>"


def site_header(t):
    return (f"<header class=\"site-header\"><a class=\"logo\" href=\"/\">{E(t['site'])}</a>{nav(t)}"
            "<form class=\"search\"><input name=q></form></header>")


def cookie(b):
    return f"<div class=\"cookie-consent\" role=\"dialog\"><p>{E(b['cookie'])}</p><button>OK</button></div>"


def footer(b):
    return f"<footer class=\"site-footer\"><p>{E(b['copyright'])}</p></footer>"


def headline_list(b, cls, title_key="related", with_teaser_text=False):
    items = []
    for i, h in enumerate(b["headlines"]):
        extra = ""
        if with_teaser_text:
            extra = f"<p class=\"teaser-text\">{E(b['comment_texts'][i % 2])}</p>"
        items.append(f"<li><a href=\"/news/{i + 100}.html\">{E(h)}</a>{extra}</li>")
    return f"<div class=\"{cls}\"><h2>{E(b[title_key])}</h2><ul>{''.join(items)}</ul></div>"


def comments(b, cls="comments"):
    entries = "".join(
        f"<div class=\"comment\"><span class=\"user\">leser{i}</span><p>{E(c)}</p></div>"
        for i, c in enumerate(b["comment_texts"])
    )
    return f"<section class=\"{cls}\"><h2>{E(b['comments'])} (2)</h2>{entries}</section>"


def newsletter(b, cls="newsletter-box"):
    return f"<div class=\"{cls}\"><p>{E(b['newsletter'])}</p><form><input type=email><button>OK</button></form></div>"


def author_box(b):
    return f"<div class=\"author-box\"><p>{E(b['author_bio'])}</p></div>"


def list_html(story):
    return "<ul>" + "".join(f"<li>{E(x)}</li>" for x in story["list"]) + "</ul>"


def table_html(story):
    rows = story["table"]
    out = "<table><thead><tr>" + "".join(f"<th>{E(c)}</th>" for c in rows[0]) + "</tr></thead><tbody>"
    for row in rows[1:]:
        out += "<tr>" + "".join(f"<td>{E(c)}</td>" for c in row) + "</tr>"
    return out + "</tbody></table>"


def table_text(story):
    return ["  ".join(row) for row in story["table"]]


def figure(b, i):
    return (f"<figure class=\"media\"><img src=\"/img/{i}.jpg\" width=\"800\" height=\"450\" alt=\"\">"
            f"<figcaption>{E(b['caption'])}</figcaption></figure>")


def read_also(b, i):
    return (f"<div class=\"inline-teaser\"><span>{E(b['read_also'])}:</span> "
            f"<a href=\"/news/{i + 200}.html\">{E(b['headlines'][i % 4])}</a></div>")


def ad(b):
    return f"<div class=\"ad-slot\"><span class=\"ad-label\">{E(b['ad'])}</span><iframe src=\"/ads/x\"></iframe></div>"


# Each layout returns (body html, truth parts in order). The truth parts
# are the lead and the story's paragraphs, plus its list and table where
# the layout shows them.

def layout_split_containers(t, story, b):
    """The story cut into sibling text containers around ad slots and a
    figure (German and Austrian news templates)."""
    p = paragraphs(story)
    body = (site_header(t) + "<div class=\"page\"><main id=\"inhalt\"><article class=\"beitrag\">"
            f"<header><h1>{E(story['title'])}</h1><p class=\"meta\">{E(b['date'])}</p></header>"
            f"<div class=\"intro\"><strong>{E(story['lead'])}</strong></div>"
            f"<div class=\"textabschnitt\"><p>{E(p[0])}</p><p>{E(p[1])}</p></div>"
            + ad(b) + figure(b, 1)
            + f"<div class=\"textabschnitt\"><p>{E(p[2])}</p>{list_html(story)}</div>"
            + read_also(b, 1)
            + f"<div class=\"textabschnitt\"><p>{E(p[3])}</p></div>"
            + f"<div class=\"teilen\"><a href=\"#\">{E(b['share'])}</a></div>" + author_box(b)
            + "</article>" + headline_list(b, "weitere-artikel", "more", True) + comments(b, "kommentare")
            + "</main></div>" + newsletter(b) + footer(b) + cookie(b))
    return body, [story["lead"]] + p[:3] + story["list"] + [p[3]]


def layout_main_sections(t, story, b):
    """<main> and <section>s with no article classes at all."""
    p = paragraphs(story)
    body = (site_header(t) + "<main>"
            f"<section><h1>{E(story['title'])}</h1><div><time>{E(b['date'])}</time></div>"
            f"<p><b>{E(story['lead'])}</b></p><p>{E(p[0])}</p><p>{E(p[1])}</p></section>"
            f"<section>{figure(b, 2)}<p>{E(p[2])}</p>{table_html(story)}<p>{E(p[3])}</p></section>"
            f"<section><h2>{E(b['related'])}</h2><ul>"
            + "".join(f"<li><a href=\"/n/{i}\">{E(h)}</a></li>" for i, h in enumerate(b["headlines"]))
            + "</ul></section>"
            f"<section><h2>{E(b['comments'])}</h2>"
            + "".join(f"<div><b>gast{i}</b><p>{E(c)}</p></div>" for i, c in enumerate(b["comment_texts"]))
            + "</section></main>" + footer(b))
    return body, [story["lead"]] + p[:3] + table_text(story) + [p[3]]


def layout_teaser_body(t, story, b):
    """A teaser paragraph above the body, and teaser lists of other
    stories below it."""
    p = paragraphs(story)
    body = (site_header(t) + "<div id=\"wrapper\"><div class=\"col-main\">"
            f"<h1 class=\"headline\">{E(story['title'])}</h1>"
            f"<div class=\"byline\">{E(b['byline'])} · {E(b['date'])}</div>"
            f"<div class=\"article-teaser\"><p>{E(story['lead'])}</p></div>"
            + figure(b, 3)
            + "<div class=\"article-text\">"
            + "".join(f"<p>{E(x)}</p>" for x in p)
            + "</div>"
            + headline_list(b, "teaser-list", "related", True)
            + "</div><div class=\"col-side\">" + newsletter(b) + headline_list(b, "most-read", "more") + "</div></div>"
            + comments(b) + footer(b))
    return body, [story["lead"]] + p


def layout_lists_tables(t, story, b):
    """A story with a subheading, a list, a table and "read also" lines
    inside the body (French regional dailies)."""
    p = paragraphs(story)
    sub = story["title"].split(" ")[0]
    body = (site_header(t) + "<div id=\"content\"><div class=\"contenu\">"
            f"<h1>{E(story['title'])}</h1><p class=\"chapo\">{E(story['lead'])}</p>"
            f"<div class=\"texte\"><p>{E(p[0])}</p>"
            f"<p class=\"lire-aussi\"><strong>{E(b['read_also'])} :</strong> <a href=\"/a/1\">{E(b['headlines'][0])}</a></p>"
            f"<p>{E(p[1])}</p><h2>{E(sub)}</h2>{list_html(story)}"
            f"<div class=\"pub\"><p>{E(b['ad'])}</p></div>"
            f"<p>{E(p[2])}</p>{table_html(story)}<p>{E(p[3])}</p></div>"
            + f"<div class=\"partage\"><a href=\"#\">{E(b['share'])}</a></div></div>"
            + headline_list(b, "articles-lies", "related") + comments(b, "commentaires")
            + "</div>" + footer(b))
    return body, [story["lead"]] + p[:2] + [sub] + story["list"] + [p[2]] + table_text(story) + [p[3]]


def layout_table_br(t, story, b):
    """An old table layout: text between <br>s in a cell, a side column of
    headlines and a newsletter."""
    p = paragraphs(story)
    text = "<br><br>".join(E(x) for x in [story["lead"]] + p)
    body = ("<table width=\"100%\"><tr><td colspan=2>" + nav(t, "topmenu") + "</td></tr><tr>"
            f"<td class=\"main\" width=\"70%\"><font size=\"4\"><b>{E(story['title'])}</b></font><br>"
            f"<font size=\"1\">{E(b['date'])}</font><br><br>{text}<br><br><i>{E(b['byline'])}</i></td>"
            "<td width=\"30%\" valign=\"top\">"
            + "".join(f"<a href=\"/x/{i}\">{E(h)}</a><br>" for i, h in enumerate(b["headlines"]))
            + f"<p>{E(b['newsletter'])}</p></td></tr>"
            f"<tr><td colspan=2><font size=\"1\">{E(b['copyright'])}</font></td></tr></table>")
    return body, [story["lead"]] + p


def layout_paragraph_blocks(t, story, b):
    """One container per paragraph with boxes of other stories between
    them (Russian news sites)."""
    p = paragraphs(story)
    blocks = []
    for i, x in enumerate(p):
        blocks.append(f"<div class=\"topic-block\"><p class=\"topic-block__text\">{E(x)}</p></div>")
        if i == 1:
            blocks.append(f"<div class=\"box-inline\"><h3>{E(b['read_also'])}</h3>"
                          f"<a href=\"/r/1\">{E(b['headlines'][1])}</a><a href=\"/r/2\">{E(b['headlines'][2])}</a></div>")
        if i == 2:
            blocks.append(ad(b))
    body = (site_header(t) + "<div class=\"layout\"><div class=\"topic\">"
            f"<div class=\"topic-header\"><h1>{E(story['title'])}</h1><div class=\"topic-header__lead\">{E(story['lead'])}</div>"
            f"<time>{E(b['date'])}</time></div>{figure(b, 4)}"
            f"<div class=\"topic-body\">{''.join(blocks)}</div>"
            f"<div class=\"topic-authors\">{E(b['byline'])}</div></div>"
            + headline_list(b, "rubric-news", "related") + newsletter(b, "subscribe-box")
            + "</div>" + footer(b))
    # The standfirst sits with the headline, apart from the body: like the
    # shared benchmark's annotators, the truth leaves it out.
    return body, p


def layout_indented(t, story, b):
    """Paragraphs indented with ideographic spaces, an editor line and a
    related list (Chinese portals)."""
    p = paragraphs(story)
    ind = "\u3000\u3000"
    body = (site_header(t) + "<div class=\"w1000\"><div class=\"l_main\">"
            f"<h1 class=\"main-title\">{E(story['title'])}</h1>"
            f"<div class=\"date-source\"><span>{E(b['date'])}</span> <a href=\"/\">{E(b['site'])}</a></div>"
            f"<div class=\"zw\" id=\"zhengwen\"><p>{ind}{E(story['lead'])}</p>"
            + "".join(f"<p>{ind}{E(x)}</p>" for x in p[:2])
            + f"<div class=\"img_wrapper\">{figure(b, 5)}</div>"
            + "".join(f"<p>{ind}{E(x)}</p>" for x in p[2:])
            + f"<p class=\"editor\">{E(b['byline'])}</p></div>"
            + f"<div class=\"xgxw\"><h2>{E(b['related'])}</h2><ul>"
            + "".join(f"<li><a href=\"/c/{i}\">{E(h)}</a><span>09-1{i}</span></li>" for i, h in enumerate(b["headlines"]))
            + "</ul></div></div><div class=\"r_side\">" + newsletter(b) + "</div></div>" + footer(b))
    return body, [story["lead"]] + p


def layout_utility_classes(t, story, b):
    """The story inside containers whose utility classes read as
    boilerplate: hidden-print, no-ads, widget."""
    p = paragraphs(story)
    body = (site_header(t) + "<div class=\"container\"><div class=\"row\">"
            "<div class=\"col-md-8 hidden-print widget-area\"><div class=\"no-ads\">"
            f"<h1>{E(story['title'])}</h1><span class=\"time\">{E(b['date'])}</span>"
            + "".join(f"<p>{E(x)}</p>" for x in [story["lead"]] + p)
            + "</div></div><div class=\"col-md-4 sidebar\">" + headline_list(b, "box", "more", True)
            + "</div></div></div>" + footer(b))
    return body, [story["lead"]] + p


def layout_state_classes(t, story, b):
    """The story's own container carries state classes that read as
    boilerplate (share-enabled, comments-open) beside a side column of
    short teasers: the body finder alone keeps too little here."""
    p = paragraphs(story)
    body = (site_header(t) + "<div class=\"page-grid\"><div class=\"col-wide\">"
            f"<h1>{E(story['title'])}</h1>"
            "<div class=\"post-body share-enabled comments-open\">"
            + "".join(f"<p>{E(x)}</p>" for x in [story["lead"]] + p)
            + "</div></div><div class=\"col-side\">"
            + "".join(f"<div class=\"box\"><p>{E(h)}.</p></div>" for h in b["headlines"][:2])
            + "</div></div>" + footer(b))
    return body, [story["lead"]] + p


LAYOUTS = [
    ("split", layout_split_containers),
    ("sections", layout_main_sections),
    ("teaser", layout_teaser_body),
    ("lists", layout_lists_tables),
    ("tablebr", layout_table_br),
    ("blocks", layout_paragraph_blocks),
    ("indented", layout_indented),
    ("utility", layout_utility_classes),
    ("state", layout_state_classes),
]


def boilerplate_sentences(b):
    return b["headlines"] + b["comment_texts"] + [b["newsletter"], b["cookie"], b["copyright"], b["author_bio"]]


def main(argv):
    if len(argv) != 1:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    out = argv[0]
    os.makedirs(os.path.join(out, "html"), exist_ok=True)
    truth = {}
    for lang, t in TEXTS.items():
        b = t["boiler"]
        b["site"] = t["site"]
        for n, story in enumerate(t["stories"]):
            for name, layout in LAYOUTS:
                page_id = f"{lang}-{name}-{n}"
                body, parts = layout(t, story, b)
                with open(os.path.join(out, "html", page_id + ".html"), "w", encoding="utf-8") as handle:
                    handle.write(head(lang, story, b) + "<body>" + body + "</body></html>")
                truth[page_id] = {
                    "articleBody": "\n".join(parts),
                    "mustHave": ([story["lead"]] if story["lead"] in parts else []) + story["sentences"],
                    "mustNotHave": boilerplate_sentences(b),
                }
    with open(os.path.join(out, "ground-truth.json"), "w", encoding="utf-8") as handle:
        json.dump(truth, handle, ensure_ascii=False, indent=1)
    print(f"{len(truth)} pages in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
