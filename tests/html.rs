//! `--format html` read back with an HTML parser: the page's structure (table, sections, marks,
//! links), and that an article's markup shows as text and never becomes markup.

use scraper::{ElementRef, Html, Selector};
use std::collections::HashSet;
use std::process::Command;

/// An article we wrote whose text is full of markup, with an unclosed quotation and a repeated
/// paragraph.
const HOSTILE: &str = r#"date 2026-04-01 77
Council Rejects <script>alert("x")</script> Plan
TOWNSVILLE (Wire) - The council voted 7-2 against the plan on Tuesday, the mayor said, calling it "a bad idea & costly.
Critics wrote </p><img src=x onerror=alert(1)> on the notice board, the clerk said on Wednesday.
The vote followed a long debate about <b>parking</b> and the cost of the new bridge over the river.
The vote followed a long debate about <b>parking</b> and the cost of the new bridge over the river.
"#;

const CLEAN: &str = "date 2026-04-02 78
Bridge Opens to Traffic
TOWNSVILLE (Wire) - The new bridge over the river opened to traffic on Thursday, the council said.
";

fn select<'a>(html: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    let selector = Selector::parse(css).unwrap();
    html.select(&selector).collect()
}

fn text(element: &ElementRef<'_>) -> String {
    element.text().collect()
}

/// The text of an element as the article has it: without the finding numbers after the marks
/// and the carets of empty labels.
fn article_text(element: &ElementRef<'_>) -> String {
    element
        .descendants()
        .filter_map(|node| {
            let text = node.value().as_text()?;
            let added = node
                .ancestors()
                .filter_map(ElementRef::wrap)
                .any(|e| e.value().classes().any(|c| c == "tag" || c == "insert"));
            (!added).then(|| text.to_string())
        })
        .collect()
}

/// `[id="ID"]`: page ids hold dots, which an `#ID` selector would read as classes.
fn by_id(id: &str) -> String {
    format!("[id=\"{}\"]", id.trim_start_matches('#'))
}

/// The report of the two articles, parsed.
fn report() -> Html {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("council.txt"), HOSTILE).unwrap();
    std::fs::write(dir.path().join("bridge.txt"), CLEAN).unwrap();
    std::fs::write(dir.path().join("broken.txt"), b"date\0").unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_wirelint"))
        .args(["--format", "html", "."])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let page = String::from_utf8(output.stdout).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    let html = Html::parse_document(&page);
    assert!(html.errors.is_empty(), "parse errors: {:?}", html.errors);
    html
}

#[test]
fn article_markup_is_shown_as_text() {
    let html = report();
    for tag in ["script", "img", "b", "iframe", "link", "object", "embed"] {
        assert!(select(&html, tag).is_empty(), "a <{tag}> element");
    }
    for element in select(&html, "*") {
        for (name, value) in element.value().attrs() {
            assert!(!name.starts_with("on"), "an event handler: {name}");
            assert_ne!(name, "src", "a resource to fetch");
            if name == "href" {
                assert!(value.starts_with('#'), "a link out of the page: {value}");
            }
        }
    }
    let section = by_id("file-council.txt");
    let headline = select(&html, &format!("{section} h3.headline"));
    assert_eq!(
        text(&headline[0]),
        r#"Council Rejects <script>alert("x")</script> Plan"#
    );
    let paragraphs: Vec<String> = select(&html, &format!("{section} p.text"))
        .iter()
        .map(article_text)
        .collect();
    let lines: Vec<&str> = HOSTILE.lines().collect();
    assert_eq!(paragraphs[0], lines[0]);
    assert_eq!(paragraphs[1], lines[2]);
    assert_eq!(paragraphs[2], lines[3]);
    assert_eq!(paragraphs[4], lines[5]);
}

#[test]
fn the_table_counts_findings_per_file_and_rule() {
    let html = report();
    let head: Vec<String> = select(&html, "table thead th").iter().map(text).collect();
    assert_eq!(
        head,
        [
            "file",
            "duplicate-paragraph",
            "read-error",
            "unbalanced-quote",
            "total"
        ]
    );
    let rows = select(&html, "table tbody tr");
    assert_eq!(rows.len(), 2, "only files with findings have a row");
    let cells: Vec<String> = select(&html, "table tbody td").iter().map(text).collect();
    assert_eq!(cells, ["", "1", "", "1", "1", "", "1", "2"]);
    let links = select(&html, "table tbody th a");
    assert_eq!(text(&links[1]), "council.txt");
    assert_eq!(links[1].value().attr("href"), Some("#file-council.txt"));
    let total: Vec<String> = select(&html, "table tfoot td").iter().map(text).collect();
    assert_eq!(total, ["1", "1", "1", "3"]);
    assert_eq!(select(&html, ".finding").len(), 3);
    assert_eq!(text(&select(&html, "p.total")[0]), "3 errors in 3 files");
    // A file that could not be read has its finding and no article.
    let broken = by_id("file-broken.txt");
    assert_eq!(
        select(&html, &format!("{broken} .file-findings .finding")).len(),
        1
    );
    assert!(select(&html, &format!("{broken} .article")).is_empty());
}

#[test]
fn findings_are_marked_in_place_and_secondary_labels_link_to_their_finding() {
    let html = report();
    let section = by_id("file-council.txt");
    // The repeat is marked as the error, the first writing as related to it.
    let repeated = select(&html, &format!("{section} mark.error"));
    let texts: Vec<String> = repeated.iter().map(text).collect();
    let repeat = HOSTILE.lines().nth(5).unwrap();
    assert!(texts.iter().any(|t| t == repeat), "{texts:?}");
    let related = select(&html, &format!("{section} mark.related"));
    let first = related
        .iter()
        .find(|m| text(m) == repeat)
        .expect("the first writing marked");
    // The number after it links to the finding.
    let tag = first
        .next_siblings()
        .filter_map(ElementRef::wrap)
        .next()
        .unwrap();
    assert!(tag.value().classes().any(|c| c == "related"));
    let target = tag.value().attr("href").unwrap();
    let finding = select(&html, &by_id(target));
    assert_eq!(finding.len(), 1);
    let rule = select(&html, &format!("{} code.rule", by_id(target)));
    assert_eq!(text(&rule[0]), "duplicate-paragraph");
    // The finding sits beside the paragraph it is about.
    let block = select(&html, &format!("{section} .block.flagged"));
    assert!(
        block
            .iter()
            .any(|b| text(b).contains("paragraph repeats an earlier one"))
    );
}

#[test]
fn every_link_has_its_target_and_ids_are_unique() {
    let html = report();
    let mut ids = HashSet::new();
    for element in select(&html, "[id]") {
        let id = element.value().attr("id").unwrap();
        assert!(ids.insert(id.to_string()), "id {id} twice");
    }
    for link in select(&html, "a[href]") {
        let href = link.value().attr("href").unwrap();
        assert!(
            ids.contains(href.trim_start_matches('#')),
            "no target for {href}"
        );
    }
}

#[test]
fn the_page_is_self_contained_and_fits_a_phone() {
    let html = report();
    let viewport = select(&html, "meta[name=viewport]");
    assert_eq!(
        viewport[0].value().attr("content"),
        Some("width=device-width, initial-scale=1")
    );
    let style = text(&select(&html, "style")[0]);
    assert!(style.contains("@media"));
    assert!(!style.contains("url("), "the style fetches nothing");
    // A clean file is listed, folded, after the files with findings.
    let clean = select(&html, "section.clean");
    assert_eq!(clean.len(), 1);
    assert_eq!(clean[0].value().attr("id"), Some("file-bridge.txt"));
    assert_eq!(
        select(&html, "section.clean details summary .counts")
            .iter()
            .map(text)
            .collect::<Vec<_>>(),
        ["no findings"]
    );
}

/// A file linted as another format than its name tells (`--input-format`) is shown as that
/// format reads it: a Markdown article in a `.txt` file has its front matter title as the
/// headline, and neither its front matter nor its markup among the paragraphs.
#[test]
fn the_article_is_shown_as_the_format_it_was_linted_as() {
    let dir = tempfile::tempdir().unwrap();
    let article = "---\ntitle: Ferry Service Resumes\ndate: 2026-04-03\n---\n\nThe ferry ran again on *Friday*, the operator said, after \"a week of repairs.\n";
    std::fs::write(dir.path().join("ferry.txt"), article).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_wirelint"))
        .args([
            "--format",
            "html",
            "--input-format",
            "markdown",
            "ferry.txt",
        ])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let html = Html::parse_document(&String::from_utf8(output.stdout).unwrap());
    let section = by_id("file-ferry.txt");
    let headline = select(&html, &format!("{section} h3.headline"));
    assert_eq!(text(&headline[0]), "Ferry Service Resumes");
    let paragraphs: Vec<String> = select(&html, &format!("{section} p.text"))
        .iter()
        .map(article_text)
        .collect();
    assert_eq!(
        paragraphs,
        ["The ferry ran again on Friday, the operator said, after \"a week of repairs."]
    );
}
