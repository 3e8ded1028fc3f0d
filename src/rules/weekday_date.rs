//! `weekday-date`: a weekday named with a date that falls on another weekday (`on Tuesday,
//! Feb. 3` when that Feb. 3 is a Wednesday), a date that does not exist, and a dated dateline
//! that contradicts the article's own date.

use crate::article::{Article, FieldRole};
use crate::diagnostic::Finding;
use crate::rule::{BuildRule, Rule};
use crate::span::Span;
use jiff::civil::Date;
use regex::{Captures, Regex};
use serde::Deserialize;

/// The rule's options (see its card).
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    weekdays: Vec<String>,
    months: Vec<Vec<String>>,
    dateline_days: u32,
}

/// Checks weekday-and-date pairs against the calendar, and the dateline against the article's
/// date.
pub struct WeekdayDate {
    /// `Weekday[,] Month D[, YYYY]`, `Weekday[,] D Month[ YYYY]`, `Weekday[,] YYYY-MM-DD`.
    pair: Regex,
    /// `, Month D` at the end of a dateline's place.
    dateline: Regex,
    weekdays: Vec<String>,
    /// Every spelling of a month (lower case, without a period) with its number.
    month_names: Vec<(String, i8)>,
    /// The full name of each month, for messages.
    month_full: Vec<String>,
    dateline_days: i32,
}

impl BuildRule for WeekdayDate {
    type Options = Options;

    fn build(options: Options) -> Result<Self, String> {
        if options.weekdays.len() != 7 {
            return Err("`weekdays` must name the seven days, Monday first".into());
        }
        if options.months.len() != 12 || options.months.iter().any(Vec::is_empty) {
            return Err("`months` must give twelve lists of names, January first".into());
        }
        let alternation = |names: Vec<&String>| {
            let mut names: Vec<String> = names.into_iter().map(|n| regex::escape(n)).collect();
            names.sort_by_key(|n| std::cmp::Reverse(n.len()));
            names.join("|")
        };
        let weekdays = alternation(options.weekdays.iter().collect());
        let months = alternation(options.months.iter().flatten().collect());
        let day = r"(?:0?[1-9]|[12][0-9]|3[01])(?:st|nd|rd|th)?";
        let pair = format!(
            r"\b(?P<weekday>{weekdays}),?\s+(?:the\s+)?(?P<date>(?P<m1>{months})\b\.?\s+(?P<d1>{day})\b(?:(?:,\s+|[ \t]+)(?P<y1>[12][0-9]{{3}})\b)?|(?P<d2>{day})(?:\s+of)?\s+(?P<m2>{months})\b\.?(?:(?:,\s+|[ \t]+)(?P<y2>[12][0-9]{{3}})\b)?|(?P<iso>[12][0-9]{{3}}-[01][0-9]-[0-3][0-9])\b)"
        );
        let dateline = format!(r",\s+(?P<date>(?P<m1>{months})\b\.?\s+(?P<d1>{day}))$");
        let compile = |pattern: &str| Regex::new(pattern).map_err(|e| e.to_string());
        Ok(WeekdayDate {
            pair: compile(&pair)?,
            dateline: compile(&dateline)?,
            month_names: options
                .months
                .iter()
                .zip(1..)
                .flat_map(|(names, number)| names.iter().map(move |n| (n.to_lowercase(), number)))
                .collect(),
            month_full: options
                .months
                .iter()
                .map(|names| names[0].clone())
                .collect(),
            weekdays: options.weekdays,
            dateline_days: i32::try_from(options.dateline_days).unwrap_or(i32::MAX),
        })
    }
}

/// A date as the text writes it: month and day, and the year if it gives one.
#[derive(Clone, Copy, Debug)]
struct Written {
    year: Option<i16>,
    month: i8,
    day: i8,
}

impl Rule for WeekdayDate {
    fn check(&self, article: &Article<'_>) -> Vec<Finding> {
        let text = article.text();
        let own = article
            .field_with_role(FieldRole::Date)
            .and_then(|span| Some((span, crate::dates::read(article.slice(span)).ok()?.date)));
        let mut findings = Vec::new();
        let spans = article
            .headline
            .into_iter()
            .chain(article.paragraphs.iter().map(|p| p.span));
        for span in spans {
            let part = span.slice(text);
            for captures in self.pair.captures_iter(part) {
                if let Some(finding) = self.check_pair(&captures, span.start, own.map(|(_, d)| d)) {
                    findings.push(finding);
                }
            }
        }
        if let (Some(dateline), Some((own_span, own_date))) = (article.dateline, own) {
            findings.extend(self.check_dateline(article, dateline.place, own_span, own_date));
        }
        findings
    }
}

impl WeekdayDate {
    fn month(&self, name: &str) -> Option<i8> {
        let name = name.to_lowercase();
        self.month_names
            .iter()
            .find(|(n, _)| *n == name)
            .map(|&(_, number)| number)
    }

    fn written(&self, captures: &Captures<'_>) -> Option<Written> {
        if let Some(iso) = captures.name("iso") {
            let date: Date = iso.as_str().parse().ok()?;
            return Some(Written {
                year: Some(date.year()),
                month: date.month(),
                day: date.day(),
            });
        }
        let (month, day, year) = match captures.name("m1") {
            Some(month) => (month, captures.name("d1")?, captures.name("y1")),
            None => (
                captures.name("m2")?,
                captures.name("d2")?,
                captures.name("y2"),
            ),
        };
        let digits: String = day.as_str().chars().filter(char::is_ascii_digit).collect();
        Some(Written {
            year: year.and_then(|y| y.as_str().parse().ok()),
            month: self.month(month.as_str())?,
            day: digits.parse().ok()?,
        })
    }

    fn check_pair(
        &self,
        captures: &Captures<'_>,
        offset: usize,
        own: Option<Date>,
    ) -> Option<Finding> {
        let weekday = captures.name("weekday")?;
        let date_match = captures.name("date")?;
        let weekday_span = Span::new(weekday.start(), weekday.end()).shift(offset);
        let date_span = Span::new(date_match.start(), date_match.end()).shift(offset);
        let written = self.written(captures)?;
        let named = self.weekdays.iter().position(|w| w == weekday.as_str())?;
        let month_name = &self.month_full[usize::try_from(written.month - 1).ok()?];
        if written.day > days_in_month(written.month) {
            let days = days_in_month(written.month);
            return Some(
                Finding::new(
                    format!("`{}` is not a date", date_match.as_str()),
                    date_span,
                    format!("{month_name} has {days} days"),
                )
                .with_help("correct the date"),
            );
        }
        let (date, inferred) = match (written.year, own) {
            (Some(year), _) => {
                let date = Date::new(year, written.month, written.day).ok()?;
                // `Friday, March 20, 2000 workers`: when the article's own year fits the
                // weekday, the four digits were not the year.
                let fits_own_year = own
                    .and_then(|own| nearest(own, written.month, written.day))
                    .is_some_and(|d| weekday_index(d) == named);
                if weekday_index(date) != named && fits_own_year {
                    return None;
                }
                (date, false)
            }
            (None, Some(own)) => (nearest(own, written.month, written.day)?, true),
            (None, None) => return None,
        };
        let actual = weekday_index(date);
        if actual == named {
            return None;
        }
        let right = &self.weekdays[actual];
        let full = format!("{month_name} {}, {}", date.day(), date.year());
        let mut finding = Finding::new(
            format!("`{}` does not match the date", weekday.as_str()),
            weekday_span,
            format!("{full} is a {right}"),
        )
        .with_secondary(date_span, "this date");
        if inferred {
            finding = finding.with_note(format!(
                "the year {} is the one nearest the article's date ({})",
                date.year(),
                own.map(|d| d.to_string()).unwrap_or_default()
            ));
        }
        Some(finding.with_help(format!("write `{right}`, or correct the date")))
    }

    fn check_dateline(
        &self,
        article: &Article<'_>,
        place: Option<Span>,
        own_span: Span,
        own: Date,
    ) -> Option<Finding> {
        let place = place?;
        let captures = self.dateline.captures(article.slice(place))?;
        let date_match = captures.name("date")?;
        let written = self.written(&captures)?;
        let date_span = Span::new(date_match.start(), date_match.end()).shift(place.start);
        let date = nearest(own, written.month, written.day)?;
        let days = own.until(date).ok()?.get_days();
        if days.abs() <= self.dateline_days {
            return None;
        }
        let plural = |n: i32| if n == 1 { "" } else { "s" };
        let how = if days < 0 {
            format!("{} day{} before", -days, plural(-days))
        } else {
            format!("{days} day{} after", plural(days))
        };
        let label = format!("{how} the article's date");
        let mut finding = Finding::new(
            "dateline date does not match the article's date",
            date_span,
            label,
        );
        if own_span.end <= article.text().len() && !own_span.is_empty() {
            finding = finding.with_secondary(own_span, "the article's date");
        }
        Some(finding.with_help("correct the dateline or the article's date"))
    }
}

/// The date with this month and day nearest to `own`: in its year, the year before or the year
/// after (so `December 19` in a story of March 1987 is 1986-12-19).
fn nearest(own: Date, month: i8, day: i8) -> Option<Date> {
    [own.year() - 1, own.year(), own.year() + 1]
        .into_iter()
        .filter_map(|year| Date::new(year, month, day).ok())
        .min_by_key(|date| {
            own.until(*date)
                .map_or(i32::MAX, |span| span.get_days().abs())
        })
}

/// 0 for Monday to 6 for Sunday.
fn weekday_index(date: Date) -> usize {
    usize::try_from(date.weekday().to_monday_zero_offset()).unwrap_or(0)
}

/// The most days a month has in any year (February: 29).
fn days_in_month(month: i8) -> i8 {
    match month {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Source;

    fn rule() -> WeekdayDate {
        let card: toml::Table =
            toml::from_str(include_str!("../../rules/weekday-date.toml")).unwrap();
        WeekdayDate::build(card["options"].clone().try_into().unwrap()).unwrap()
    }

    /// (message, primary label, primary text) of each finding.
    fn check(text: &str) -> Vec<(String, String, String)> {
        let source = Source::new("t.txt", text);
        let article = Article::parse(&source);
        rule()
            .check(&article)
            .into_iter()
            .map(|f| {
                (
                    f.message,
                    f.primary.message,
                    source.slice(f.primary.span).to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn a_weekday_that_does_not_fit_the_date_in_every_wire_form() {
        for body in [
            "Talks open on Wednesday, Feb. 3, officials said.",
            "Talks open on Wednesday, February 3, officials said.",
            "Talks open on Wednesday 3 February, officials said.",
            "Talks open on Wednesday, 3rd February, officials said.",
            "Talks open on Wednesday, the 3rd of February, officials said.",
            "Talks open on Wednesday, 2026-02-03, officials said.",
            "Talks open on Wednesday, Feb. 3, 2026, officials said.",
        ] {
            let found = check(&format!("date 2026-02-02 1\nTalks Open\n{body}\n"));
            assert_eq!(found.len(), 1, "{body}");
            assert_eq!(found[0].0, "`Wednesday` does not match the date", "{body}");
            assert_eq!(found[0].1, "February 3, 2026 is a Tuesday", "{body}");
            assert_eq!(found[0].2, "Wednesday", "{body}");
        }
    }

    #[test]
    fn an_explicit_year_needs_no_article_date() {
        let found = check("Talks Open\n\nTalks opened on Tuesday, March 3, 2025, in Geneva.\n");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].1, "March 3, 2025 is a Monday");
    }

    #[test]
    fn right_weekdays_and_undatable_pairs_are_silent() {
        for text in [
            // 2026-02-03 is a Tuesday.
            "date 2026-02-02 1\nTalks\nTalks open on Tuesday, Feb. 3.\n",
            // December 19 in a story of March 1987 is 1986-12-19, a Friday.
            "date 1987-03-03 1\nTALKS\nThe offer expired on Friday, December 19.\n",
            // No year in the text and no article date: nothing to check against.
            "Talks\n\nThe final is on Saturday 20 August.\n",
            // The four digits are a count, not a year: the article's year fits.
            "date 2026-03-01 1\nStrike\nOn Friday, March 20, 2000 workers walked out.\n",
            // Not a date after the weekday.
            "date 2026-02-02 1\nTalks\nOn Tuesday, February sales rose 3 pct.\n",
            "date 2026-02-02 1\nTalks\nThe Tuesday, March 1987 report.\n",
            // A wrapped line that starts with a count is not the year.
            "Talks\n\nFans queued on Wednesday 25 February\n2000 of them.\n",
        ] {
            assert!(check(text).is_empty(), "{text}: {:?}", check(text));
        }
    }

    #[test]
    fn a_date_that_does_not_exist() {
        let found = check("date 2026-04-01 1\nTalks\nTalks end on Friday, April 31.\n");
        assert_eq!(
            found,
            [(
                "`April 31` is not a date".to_string(),
                "April has 30 days".to_string(),
                "April 31".to_string()
            )]
        );
    }

    #[test]
    fn a_dated_dateline_against_the_article_date() {
        let found = check("date 2026-04-05 1\nTrade Rises\nBEIJING, April 1 (AFP) - Trade rose.\n");
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].0,
            "dateline date does not match the article's date"
        );
        assert_eq!(found[0].1, "4 days before the article's date");
        assert_eq!(found[0].2, "April 1");
        for text in [
            "date 2026-04-02 1\nTrade Rises\nBEIJING, April 1 (AFP) - Trade rose.\n",
            "date 2027-01-01 1\nTrade Rises\nBEIJING, Dec. 31 (AFP) - Trade rose.\n",
            "Trade Rises\n\nBEIJING, April 1 (AFP) - Trade rose.\n",
            "date 2026-04-05 1\nTrade Rises\nBEIJING (AFP) - Trade rose.\n",
        ] {
            assert!(check(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn the_date_of_front_matter_dates_the_pair() {
        let config = crate::Config::default();
        let text = "---\ntitle: Talks resume\ndate: 2026-02-02T10:00:00Z\n---\n\nThe talks resume on Wednesday, Feb. 3, in Geneva.\n";
        let found: Vec<String> = crate::lint_str("story.md", text, &config)
            .into_iter()
            .filter(|d| d.rule == "weekday-date")
            .map(|d| format!("{}:{} {}", d.line, d.column, d.message))
            .collect();
        assert_eq!(found, ["6:21 `Wednesday` does not match the date"]);
    }
}
