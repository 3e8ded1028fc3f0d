//! Quotations: where the quote marks of an article's paragraphs open and close.
//!
//! Double marks make quotations: curly `“…”`, straight `"…"`, old wire ``` ``…'' ``` and doubled
//! apostrophes `''…''`. Single marks (`‘…’`, `'…'`) count only as quotations nested inside a
//! double one; elsewhere a single mark is an apostrophe (`Iraq’s`, `’90s`, `rock 'n' roll`,
//! `players'`). A straight mark after a figure (`5'10"`, `a 12" record`) is a prime.
//!
//! A straight mark opens or closes by its context: after white space (or a bracket or a dash)
//! and before a letter it opens; after a letter and before white space or punctuation it closes.
//! A curly mark is read the same way, and by its shape when the context does not say; a closing
//! curly mark that nothing before it explains opens a quotation when a later mark of the
//! paragraph can close it (`said ”we will stay,” and left`).
//!
//! A double quotation may hold one double quotation nested inside it (`"He called it "a joke,"
//! she said."`), as single quotes usually are; when the outer one then never closes, the reading
//! falls back to an outer quotation cut short by a new one. Text between `<` and `>` of an HTML
//! tag (`<a href="...">`) is markup, not prose: its marks are not quote marks.
//!
//! The wire convention for a quote over several paragraphs: a paragraph that continues a quote
//! into the next has no closing mark, and the next paragraph opens with a quote mark; only the
//! last closes. The same happens inside one paragraph when the source joined paragraphs (a
//! sentence ends inside a quote and a new opening mark follows): both give a quotation that
//! `runs_on` and a next one that is `continued`.

use crate::span::Span;

/// A quotation: one paragraph's part of a quote, from its opening mark to its closing mark.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quotation {
    /// The quotation with its marks (without a closing mark when it has none).
    pub span: Span,
    /// The quoted words, between the marks.
    pub content: Span,
    /// Index of its paragraph in the paragraphs scanned.
    pub paragraph: usize,
    /// 0 for a quotation in running text, 1 for a single-quoted one nested inside it.
    pub depth: u8,
    /// It continues the quotation before it (that one `runs_on`).
    pub continued: bool,
    /// It has no closing mark because the quote goes on in the next quotation, which opens
    /// the next paragraph (or the next sentence, where paragraphs were joined).
    pub runs_on: bool,
    /// It has its closing mark.
    pub closed: bool,
}

impl Quotation {
    /// An opening mark that is never closed (and does not run on into a next paragraph).
    pub fn is_unclosed(&self) -> bool {
        !self.closed && !self.runs_on
    }

    /// The opening mark.
    pub fn opening_mark(&self) -> Span {
        Span::new(self.span.start, self.content.start)
    }

    /// The closing mark, when it has one.
    pub fn closing_mark(&self) -> Option<Span> {
        self.closed
            .then(|| Span::new(self.content.end, self.span.end))
    }
}

/// The quotations of an article and the quote marks that close nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Quotes {
    /// Every quotation, top-level and nested, in the order of their opening marks.
    pub quotations: Vec<Quotation>,
    /// Closing double marks with no opening mark before them. A straight double mark between
    /// two letters (`Brazil"s`, typed for an apostrophe) is neither.
    pub stray_closers: Vec<Span>,
}

impl Quotes {
    /// The top-level quotations (depth 0), in order.
    pub fn top_level(&self) -> impl Iterator<Item = &Quotation> {
        self.quotations.iter().filter(|q| q.depth == 0)
    }
}

/// Find the quotations of the paragraphs of `text` at `paragraphs`.
pub fn scan(text: &str, paragraphs: &[Span]) -> Quotes {
    let mut quotes = Quotes::default();
    let mut continued = false;
    for (index, paragraph) in paragraphs.iter().enumerate() {
        let next_opens = paragraphs
            .get(index + 1)
            .is_some_and(|next| starts_with_double_opener(next.slice(text)));
        continued = Scanner {
            text,
            paragraph: *paragraph,
            index,
            quotes: &mut quotes,
        }
        .run(continued, next_opens);
    }
    quotes
}

/// Whether a paragraph starts with a double opening mark.
fn starts_with_double_opener(paragraph: &str) -> bool {
    paragraph.starts_with(['"', '“']) || paragraph.starts_with("``") || paragraph.starts_with("''")
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Double,
    Single,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    Open,
    Close,
    Either,
}

/// A quote mark found in a paragraph.
struct Mark {
    span: Span,
    kind: Kind,
    shape: Shape,
    /// It can open by its context: white space, a bracket, a dash or a mark before it.
    after_space: bool,
    /// It can close by its context: white space or punctuation after it.
    before_space: bool,
    /// The character before it.
    prev: Option<char>,
    /// A straight mark between a letter or digit and a lower-case letter: an apostrophe typed
    /// as a double mark (`don"t`, `Brazil"s`), not a quote mark.
    inside_word: bool,
}

/// What a mark does, once read in context.
#[derive(PartialEq, Eq)]
enum Role {
    Opens,
    Closes,
    Neither,
}

struct Scanner<'a> {
    text: &'a str,
    paragraph: Span,
    index: usize,
    quotes: &'a mut Quotes,
}

/// A quotation being read: where its opening mark is, and whether it continues another.
#[derive(Clone, Copy)]
struct Open {
    mark: Span,
    continued: bool,
}

impl Scanner<'_> {
    /// Scan the paragraph; `continued` says an earlier paragraph runs on into this one. Returns
    /// whether this paragraph runs on into the next (`next_opens`: the next starts with a mark).
    fn run(mut self, continued: bool, next_opens: bool) -> bool {
        let first = self.quotes.quotations.len();
        let runs_on = self.read(continued, next_opens);
        // Nested quotations are recorded when they close, before their parent.
        self.quotes.quotations[first..].sort_by_key(|q| q.span.start);
        runs_on
    }

    /// Read the paragraph's marks into quotations (see [`Scanner::run`]).
    fn read(&mut self, continued: bool, next_opens: bool) -> bool {
        let marks = self.marks();
        // Whether a double mark after index `i` may close a quotation: not clearly an opener by
        // its context, nor an apostrophe.
        let mut closer_after = vec![false; marks.len() + 1];
        for (i, mark) in marks.iter().enumerate().rev() {
            // Not clearly an opener: after a space and before a word.
            let opener = mark.after_space && !mark.before_space;
            let may_close = mark.kind == Kind::Double && !mark.inside_word && !opener;
            closer_after[i] = closer_after[i + 1] || may_close;
        }
        let mut continued = continued;
        let mut open: Option<Open> = None;
        // A double quotation nested in the open one, and those nested ones already closed.
        let mut nested: Option<Span> = None;
        let mut inner: Vec<Quotation> = Vec::new();
        let mut single: Option<Span> = None;
        for (index, mark) in marks.iter().enumerate() {
            match mark.kind {
                Kind::Double if mark.inside_word => {}
                Kind::Double => {
                    let role = match (mark.after_space, mark.before_space) {
                        (true, false) => Role::Opens,
                        (false, true) => Role::Closes,
                        _ => match (mark.shape, open.is_some()) {
                            (Shape::Open, _) => Role::Opens,
                            (Shape::Close, true) | (Shape::Either, true) => Role::Closes,
                            // A closing mark used as an opener (`said,”we`): it opens when a
                            // later mark can close it.
                            (Shape::Close, false) if closer_after[index + 1] => Role::Opens,
                            (Shape::Close, false) => Role::Closes,
                            (Shape::Either, false) => Role::Opens,
                        },
                    };
                    let prime = mark.prev.is_some_and(|c| c.is_ascii_digit())
                        && (open.is_none() || self.after_feet(mark.span.start));
                    if prime && role == Role::Closes {
                        continue;
                    }
                    match (role, open) {
                        (Role::Opens, None) => {
                            open = Some(Open {
                                mark: mark.span,
                                continued: std::mem::take(&mut continued),
                            });
                        }
                        (Role::Opens, Some(current)) => {
                            let before = self.text[current.mark.end..mark.span.start].trim_end();
                            let runs_on = ends_sentence(before);
                            if !runs_on && nested.is_none() {
                                nested = Some(mark.span);
                                continue;
                            }
                            let content_end = current.mark.end + before.len();
                            self.push(current, content_end, None, runs_on);
                            self.flush(&mut inner, 1);
                            if let Some(opening) = nested.take() {
                                self.push_unclosed_nested(opening, mark.span.start);
                            }
                            single = None;
                            open = Some(Open {
                                mark: mark.span,
                                continued: runs_on,
                            });
                        }
                        (Role::Closes, Some(_)) if nested.is_some() => {
                            if let Some(opening) = nested.take() {
                                inner.push(self.nested(opening, mark.span));
                            }
                        }
                        (Role::Closes, Some(current)) => {
                            self.push(current, mark.span.start, Some(mark.span), false);
                            self.flush(&mut inner, 1);
                            single = None;
                            open = None;
                        }
                        (Role::Closes, None) if !self.is_plural_possessive(mark) => {
                            self.quotes.stray_closers.push(mark.span);
                        }
                        (Role::Closes, None) => {}
                        (Role::Neither, _) => {}
                    }
                }
                Kind::Single if open.is_some() => {
                    let role = match (mark.after_space, mark.before_space, mark.shape) {
                        (true, false, Shape::Open | Shape::Either) => Role::Opens,
                        (false, true, Shape::Close | Shape::Either) => Role::Closes,
                        _ => Role::Neither,
                    };
                    match (role, single) {
                        (Role::Opens, None) if !self.is_elision(mark.span.end) => {
                            single = Some(mark.span);
                        }
                        (Role::Closes, Some(opening)) => {
                            let quotation = self.nested(opening, mark.span);
                            self.quotes.quotations.push(quotation);
                            single = None;
                        }
                        _ => {}
                    }
                }
                Kind::Single => {}
            }
        }
        let Some(current) = open else {
            return false;
        };
        let rest = self.text[current.mark.end..self.paragraph.end].trim_end();
        let first_inner = nested
            .into_iter()
            .chain(inner.iter().map(|q| q.span))
            .map(|span| span.start)
            .min();
        match first_inner {
            // The outer quotation never closes: it was cut short by the first "nested" one,
            // which stands on its own.
            Some(start) if !next_opens => {
                let before = self.text[current.mark.end..start].trim_end();
                self.push(current, current.mark.end + before.len(), None, false);
                self.flush(&mut inner, 0);
                if let Some(opening) = nested {
                    let end = self.paragraph.end;
                    self.push_unclosed_nested(opening, end);
                }
            }
            _ => {
                self.push(current, current.mark.end + rest.len(), None, next_opens);
                self.flush(&mut inner, 1);
                if let Some(opening) = nested {
                    let end = self.paragraph.end;
                    self.push_unclosed_nested(opening, end);
                }
            }
        }
        next_opens
    }

    /// Record the nested quotations of `inner` at `depth`, emptying it.
    fn flush(&mut self, inner: &mut Vec<Quotation>, depth: u8) {
        for quotation in inner.drain(..) {
            self.insert(Quotation { depth, ..quotation });
        }
    }

    /// A quotation nested in the open one, from its opening to its closing mark.
    fn nested(&self, opening: Span, closing: Span) -> Quotation {
        Quotation {
            span: Span::new(opening.start, closing.end),
            content: Span::new(opening.end, closing.start),
            paragraph: self.index,
            depth: 1,
            continued: false,
            runs_on: false,
            closed: true,
        }
    }

    /// Record a nested opening mark that never closed, as a top-level quotation left open up
    /// to `end`.
    fn push_unclosed_nested(&mut self, opening: Span, end: usize) {
        let content = self.text[opening.end..end.max(opening.end)].trim_end();
        self.insert(Quotation {
            span: Span::new(opening.start, opening.end + content.len()),
            content: Span::new(opening.end, opening.end + content.len()),
            paragraph: self.index,
            depth: 0,
            continued: false,
            runs_on: false,
            closed: false,
        });
    }

    /// Record the quotation opened at `open`, whose content ends at `content_end`.
    fn push(&mut self, open: Open, content_end: usize, closer: Option<Span>, runs_on: bool) {
        let end = closer.map_or(content_end, |c| c.end);
        self.insert(Quotation {
            span: Span::new(open.mark.start, end),
            content: Span::new(open.mark.end, content_end.max(open.mark.end)),
            paragraph: self.index,
            depth: 0,
            continued: open.continued,
            runs_on,
            closed: closer.is_some(),
        });
    }

    /// Record a quotation (the paragraph's are put in the order of their opening marks once
    /// it is scanned).
    fn insert(&mut self, quotation: Quotation) {
        self.quotes.quotations.push(quotation);
    }

    /// Whether a straight closing mark with nothing open is an apostrophe typed as a double
    /// mark after a plural (`the Philippines" program`): after an `s`, before a space and a word.
    fn is_plural_possessive(&self, mark: &Mark) -> bool {
        let after = &self.text[mark.span.end..self.paragraph.end];
        self.text[mark.span.range()] == *"\""
            && matches!(mark.prev, Some('s' | 'S'))
            && after.starts_with(' ')
            && after[1..].starts_with(char::is_alphanumeric)
    }

    /// Whether the figure before `offset` is the inches of a height (`5'10`).
    fn after_feet(&self, offset: usize) -> bool {
        let before = &self.text[self.paragraph.start..offset];
        let digits = before.trim_end_matches(|c: char| c.is_ascii_digit());
        let inches = before.len() - digits.len();
        (1..=2).contains(&inches)
            && digits
                .strip_suffix(['\'', '′', '’'])
                .is_some_and(|feet| feet.ends_with(|c: char| c.is_ascii_digit()))
    }

    /// Whether the single mark ending at `offset` is an apostrophe of elision: `'90s`, `'n'`,
    /// `'em`, `'til`, `'cause`, `'tis`.
    fn is_elision(&self, offset: usize) -> bool {
        let after = &self.text[offset..self.paragraph.end];
        let word: String = after
            .chars()
            .take_while(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        word.starts_with(|c: char| c.is_ascii_digit())
            || matches!(
                word.as_str(),
                "n" | "em" | "til" | "cause" | "tis" | "twas" | "bout" | "round"
            )
    }

    /// The quote marks of the paragraph, with their context. HTML tags are skipped, and read
    /// as white space around the marks next to them.
    fn marks(&self) -> Vec<Mark> {
        let body = self.paragraph.slice(self.text);
        let mut tags = Tags::new(body);
        let mut marks = Vec::new();
        let mut chars = body.char_indices().peekable();
        let mut prev: Option<char> = None;
        while let Some((i, c)) = chars.next() {
            if c == '<'
                && let Some(end) = tags.end_of_tag(i)
            {
                while chars.next_if(|&(j, _)| j < end).is_some() {}
                prev = Some(' ');
                continue;
            }
            let next = chars.peek().map(|&(_, n)| n);
            let found = match (c, next) {
                ('`', Some('`')) | ('\'', Some('\'')) => {
                    chars.next();
                    let shape = if c == '`' { Shape::Open } else { Shape::Either };
                    Some((2, Kind::Double, shape))
                }
                ('"', _) => Some((1, Kind::Double, Shape::Either)),
                ('“', _) => Some((c.len_utf8(), Kind::Double, Shape::Open)),
                ('”', _) => Some((c.len_utf8(), Kind::Double, Shape::Close)),
                ('\'', _) => Some((1, Kind::Single, Shape::Either)),
                ('‘' | '`', _) => Some((c.len_utf8(), Kind::Single, Shape::Open)),
                ('’', _) => Some((c.len_utf8(), Kind::Single, Shape::Close)),
                _ => None,
            };
            if let Some((len, kind, shape)) = found {
                let end = i + len;
                let after = if tags.end_of_tag(end).is_some() {
                    Some(' ')
                } else {
                    body[end..].chars().next()
                };
                // A double mark next to a single one (`"'Tis`, `no.'"`) is read past it.
                let mut outer_prev = prev;
                let mut outer_after = after;
                if kind == Kind::Double {
                    if prev.is_some_and(is_single_mark) {
                        outer_prev = body[..i].chars().rev().nth(1);
                    }
                    if after.is_some_and(is_single_mark) {
                        outer_after = body[end..].chars().nth(1);
                    }
                }
                marks.push(Mark {
                    span: Span::new(i, end).shift(self.paragraph.start),
                    kind,
                    shape,
                    after_space: outer_prev.is_none_or(opens_after),
                    before_space: outer_after.is_none_or(closes_before),
                    prev,
                    inside_word: c == '"'
                        && prev.is_some_and(char::is_alphanumeric)
                        && is_contraction(&body[end..]),
                });
                prev = body[..end].chars().next_back();
            } else {
                prev = Some(c);
            }
        }
        marks
    }
}

/// Where the HTML tags of a paragraph end. Each search for a `<` or `>` starts past the last
/// one found, so that finding every tag of a paragraph takes time linear in its length.
struct Tags<'a> {
    body: &'a str,
    next_open: NextByte,
    next_close: NextByte,
}

/// The first position of a byte at or after a point, remembered for the next, later query.
struct NextByte {
    byte: u8,
    from: usize,
    found: Option<usize>,
    searched: bool,
}

impl NextByte {
    fn new(byte: u8) -> NextByte {
        NextByte {
            byte,
            from: 0,
            found: None,
            searched: false,
        }
    }

    /// The first position of the byte at or after `from` in `body`.
    fn find(&mut self, body: &str, from: usize) -> Option<usize> {
        let valid = self.searched && from >= self.from && self.found.is_none_or(|f| f >= from);
        if !valid {
            self.from = from;
            self.searched = true;
            self.found = body.as_bytes()[from.min(body.len())..]
                .iter()
                .position(|&b| b == self.byte)
                .map(|i| from + i);
        }
        self.found
    }
}

impl<'a> Tags<'a> {
    fn new(body: &'a str) -> Tags<'a> {
        Tags {
            body,
            next_open: NextByte::new(b'<'),
            next_close: NextByte::new(b'>'),
        }
    }

    /// Where the HTML tag starting at `at` ends (just past its `>`), when one starts there: a
    /// `<` followed by a letter, `/` or `!`, up to the next `>` with no `<` before it.
    fn end_of_tag(&mut self, at: usize) -> Option<usize> {
        let rest = self.body.get(at..)?;
        let mut chars = rest.chars();
        if chars.next() != Some('<') {
            return None;
        }
        let next = chars.next()?;
        if !(next.is_ascii_alphabetic() || next == '/' || next == '!') {
            return None;
        }
        let close = self.next_close.find(self.body, at + 1)?;
        let open = self.next_open.find(self.body, at + 1);
        (open.is_none_or(|o| o > close)).then_some(close + 1)
    }
}

/// Whether the text after a straight double mark typed inside a word is the end of a
/// contraction or possessive (`don"t`, `Brazil"s`, `we"re`), as against the first word of a
/// quotation whose opening mark lacks its space (`said"we`).
fn is_contraction(after: &str) -> bool {
    let suffix_len = after
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(after.len());
    matches!(
        &after[..suffix_len],
        "s" | "t" | "d" | "m" | "re" | "ll" | "ve"
    )
}

/// Whether `c` is a single quote mark or apostrophe.
fn is_single_mark(c: char) -> bool {
    matches!(c, '\'' | '‘' | '’')
}

/// Whether a mark after `c` may open a quotation.
fn opens_after(c: char) -> bool {
    c.is_whitespace() || "([{<—–-/:\"“‘'`".contains(c)
}

/// Whether a mark before `c` may close a quotation.
fn closes_before(c: char) -> bool {
    c.is_whitespace() || ".,;:!?)]}>—–-…\"”’'".contains(c)
}

/// Whether quoted text ends a sentence (so that a new opening mark after it starts a new
/// paragraph's part of a running quote).
fn ends_sentence(quoted: &str) -> bool {
    let quoted = quoted.trim_end_matches(['\'', '’', ')']);
    quoted.ends_with(['.', '!', '?', '…'])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Source;

    /// The lines of `text` after the first `skip`, as paragraph spans.
    fn lines(text: &str, skip: usize) -> Vec<Span> {
        crate::span::LineIndex::new(text).line_spans(text)[skip..]
            .iter()
            .copied()
            .filter(|line| !line.is_empty())
            .collect()
    }

    /// The top-level quotations of a body (one paragraph a line) as
    /// `(content, continued, runs_on, closed)`, and the stray closers.
    /// A quotation as `(content, continued, runs_on, closed)`.
    type Found = (String, bool, bool, bool);

    fn quotes(body: &str) -> (Vec<Found>, Vec<String>) {
        let source = Source::new("t.txt", format!("date 2026-02-02 1\nHeadline\n{body}\n"));
        let found = scan(source.text(), &lines(source.text(), 2));
        let quotations = found
            .top_level()
            .map(|q| {
                (
                    source.slice(q.content).to_string(),
                    q.continued,
                    q.runs_on,
                    q.closed,
                )
            })
            .collect();
        let strays = found
            .stray_closers
            .iter()
            .map(|s| source.slice(*s).to_string())
            .collect();
        (quotations, strays)
    }

    fn contents(body: &str) -> Vec<String> {
        quotes(body).0.into_iter().map(|q| q.0).collect()
    }

    #[test]
    fn curly_and_straight_pairs() {
        assert_eq!(
            contents("“We won,” he said. \"We will win again,\" she said."),
            ["We won,", "We will win again,"]
        );
        let (found, strays) = quotes("He said “it is over” and left.");
        assert_eq!(found, [("it is over".into(), false, false, true)]);
        assert!(strays.is_empty());
    }

    #[test]
    fn old_wire_and_doubled_apostrophe_marks() {
        assert_eq!(
            contents("``We are ready,'' he said. ''So are we,'' she said."),
            ["We are ready,", "So are we,"]
        );
    }

    #[test]
    fn single_quotes_nest_inside_double_ones() {
        let source = Source::new(
            "t",
            "Headline\n“He told me ‘never again’ and left,” she said.\n",
        );
        let found = scan(source.text(), &lines(source.text(), 1));
        let all: Vec<(&str, u8)> = found
            .quotations
            .iter()
            .map(|q| (source.slice(q.content), q.depth))
            .collect();
        assert_eq!(
            all,
            [
                ("He told me ‘never again’ and left,", 0),
                ("never again", 1)
            ]
        );
    }

    #[test]
    fn apostrophes_and_primes_are_not_quote_marks() {
        assert_eq!(
            contents("Iraq’s envoy, 5'10\" tall, loves ’90s rock 'n' roll and the players' union."),
            Vec::<String>::new()
        );
        let (found, strays) =
            quotes("\"It's the players' money, not Iraq’s, and it's rock 'n' roll,\" he said.");
        assert_eq!(found.len(), 1);
        assert!(found[0].3);
        assert!(strays.is_empty());
        let (found, strays) = quotes("He bought a 12\" record. \"He is 6'2\" now,\" she said.");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "He is 6'2\" now,");
        assert!(strays.is_empty());
    }

    #[test]
    fn quotes_that_end_on_a_figure_close() {
        assert_eq!(
            contents("\"The score was 2-0\" he said."),
            ["The score was 2-0"]
        );
    }

    #[test]
    fn running_quote_over_paragraphs() {
        let (found, strays) = quotes(
            "“We will stay,” he said. “We have work to do.\n“And we will finish it.\n“Then we go home.”",
        );
        assert_eq!(
            found,
            [
                ("We will stay,".into(), false, false, true),
                ("We have work to do.".into(), false, true, false),
                ("And we will finish it.".into(), true, true, false),
                ("Then we go home.".into(), true, false, true),
            ]
        );
        assert!(strays.is_empty());
    }

    #[test]
    fn running_quote_in_joined_paragraphs() {
        let (found, _) = quotes("\"We will stay. \"We have work to do,\" he said.");
        assert_eq!(
            found,
            [
                ("We will stay.".into(), false, true, false),
                ("We have work to do,".into(), true, false, true),
            ]
        );
    }

    #[test]
    fn unclosed_and_unopened_marks() {
        let (found, strays) = quotes("He said “we will stay and left.\nNext paragraph.");
        assert_eq!(
            found,
            [("we will stay and left.".into(), false, false, false)]
        );
        assert!(strays.is_empty());
        let (found, strays) = quotes("He said we will stay,” and left.");
        assert!(found.is_empty());
        assert_eq!(strays, ["”"]);
        let (found, _) = quotes("He called it \"a mess and said \"we are done\" today.");
        assert_eq!(found[0], ("a mess and said".into(), false, false, false));
    }

    #[test]
    fn double_marks_next_to_single_ones() {
        let (found, strays) =
            quotes("It ended. \"'Oh no,' he said to me,\" she said. \"He said 'no.'\"");
        assert_eq!(found.len(), 2);
        assert!(found.iter().all(|q| q.3 && !q.1));
        assert!(strays.is_empty());
    }

    #[test]
    fn apostrophes_typed_as_double_marks() {
        let (found, strays) = quotes("Brazil\"s output and the Philippines\" debt fell.");
        assert!(found.is_empty());
        assert!(strays.is_empty());
        assert_eq!(contents("A banker said\"It is good.\""), ["It is good."]);
    }

    #[test]
    fn mixed_curly_and_straight_marks_pair_up() {
        let (found, strays) = quotes("“We won,\" he said. \"We won again,” she said.");
        assert_eq!(found.len(), 2);
        assert!(found.iter().all(|q| q.3));
        assert!(strays.is_empty());
    }

    #[test]
    fn double_quotes_nested_in_double_quotes() {
        let source = Source::new(
            "t",
            "Headline\n\"He called the plan \"a joke,\" and I agree,\" she said.\n\
             “They told us “wait” again,” he said.\n",
        );
        let found = scan(source.text(), &lines(source.text(), 1));
        let all: Vec<(&str, u8, bool)> = found
            .quotations
            .iter()
            .map(|q| (source.slice(q.content), q.depth, q.closed))
            .collect();
        assert_eq!(
            all,
            [
                ("He called the plan \"a joke,\" and I agree,", 0, true),
                ("a joke,", 1, true),
                ("They told us “wait” again,", 0, true),
                ("wait", 1, true),
            ]
        );
        assert!(found.stray_closers.is_empty());
    }

    #[test]
    fn a_closing_mark_used_as_an_opener() {
        let (found, strays) = quotes("He said,”we will stay,” and left.");
        assert_eq!(found, [("we will stay,".into(), false, false, true)]);
        assert!(strays.is_empty());
        let (found, strays) = quotes("He said ” we will stay.”");
        assert_eq!(found.len(), 1);
        assert!(found[0].3);
        assert!(strays.is_empty());
    }

    #[test]
    fn a_mark_with_no_space_before_its_quotation() {
        let (found, strays) = quotes("The banker said\"we will stay\" and left.");
        assert_eq!(found, [("we will stay".into(), false, false, true)]);
        assert!(strays.is_empty());
        let (found, strays) = quotes("We don\"t know what Brazil\"s plan is.");
        assert!(found.is_empty() && strays.is_empty());
    }

    #[test]
    fn marks_inside_html_tags_are_markup() {
        let (found, strays) = quotes(
            "<blockquote class=\"twitter-tweet\" data-lang=\"en\"><p>\"We won.\"</p></blockquote>",
        );
        assert_eq!(found, [("We won.".into(), false, false, true)]);
        assert!(strays.is_empty());
        let (found, strays) = quotes("<a href=\"x\">link</a> says 2 < 3 and \"a > b\" here.");
        assert_eq!(found, [("a > b".into(), false, false, true)]);
        assert!(strays.is_empty());
        // A `<` that never closes, or a tag broken by another `<`, is text.
        let (found, _) = quotes("It is <a \"b c\" <d and \"e f\".");
        assert_eq!(found.len(), 2);
    }

    #[test]
    fn many_marks_in_one_paragraph() {
        // Every mark is read once; nesting is at most one level deep.
        let body = "\"".repeat(10_001);
        let (found, _) = quotes(&body);
        assert!(!found.is_empty());
        let tags = "<a <b ".repeat(5_000);
        let (found, _) = quotes(&tags);
        assert!(found.is_empty());
    }
}
