//! The language an article is written in when its metadata does not say: detected from its
//! prose with whatlang (trigram statistics), as an ISO 639-1 code (`es`), and only when the
//! detection is reliable.
//!
//! Only prose is read: paragraphs of [`MIN_WORDS`] words or more, most of them in lower case,
//! so that tables of figures and abbreviations (`Shr loss 2.03 dlrs vs loss 85 cts`, read as
//! French otherwise) and lists of names decide nothing. Too little prose decides nothing either.

use whatlang::Detector;

/// The fewest words a paragraph needs to count as prose.
const MIN_WORDS: usize = 12;
/// The least prose, in bytes, that a language is told from.
const MIN_SAMPLE: usize = 300;
/// Prose read beyond this many bytes tells nothing more.
const MAX_SAMPLE: usize = 1_000;

/// The language of `paragraphs` (ISO 639-1), if their prose says it reliably.
pub fn detect<'a>(paragraphs: impl IntoIterator<Item = &'a str>) -> Option<&'static str> {
    let mut sample = String::new();
    for paragraph in paragraphs {
        if is_prose(paragraph) {
            sample.push_str(paragraph);
            sample.push('\n');
            if sample.len() >= MAX_SAMPLE {
                break;
            }
        }
    }
    if sample.len() < MIN_SAMPLE {
        return None;
    }
    let info = Detector::new().detect(&sample)?;
    if !info.is_reliable() {
        return None;
    }
    isolang::Language::from_639_3(info.lang().code())?.to_639_1()
}

/// Whether a paragraph reads as running prose: enough words, most of them in lower case.
fn is_prose(paragraph: &str) -> bool {
    let (words, lower) = paragraph
        .split_whitespace()
        .fold((0, 0), |(words, lower), word| {
            let is_lower = word.starts_with(char::is_lowercase);
            (words + 1, lower + usize::from(is_lower))
        });
    words >= MIN_WORDS && lower * 2 >= words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_in_spanish_german_and_english() {
        let spanish = "La red global que trabaja por el futuro del periodismo encontró su nicho en la capital de Paraguay desde mayo de este año, con el apoyo de desarrolladores, diseñadores y periodistas de diversas disciplinas. Los talleres introductorios con periodistas han sido el punto de partida del grupo local para hablar sobre las implicancias de esta rama emergente en la profesión.";
        assert_eq!(detect([spanish]), Some("es"));
        let german = "Die Bundesregierung will die Zahl der Schulden in den kommenden Jahren deutlich senken, sagte der Finanzminister am Mittwoch in Berlin. Die Opposition kritisierte den Plan als unzureichend und forderte mehr Geld für die Länder und Gemeinden, die unter den hohen Kosten für Energie leiden. Eine Entscheidung soll noch vor dem Sommer fallen.";
        assert_eq!(detect([german]), Some("de"));
        let english = "The port authority said on Tuesday that the strike had cost the city more than it had expected, and that talks with the union would resume next week. Dockers walked out after the management proposed a new shift pattern that would have cut overtime for most of the workforce. Shipping lines have started to divert vessels to other ports.";
        assert_eq!(detect([english]), Some("en"));
    }

    #[test]
    fn tables_names_and_short_texts_decide_nothing() {
        let table = [
            "Parent Company net profit 12.8 mln Swiss francs vs 7.5 mln.",
            "Orders received 2.21 billion francs vs 2.61 billion.",
            "Sales 2.25 billion francs vs 2.49 billion.",
            "Group sales 13.83 billion francs vs 13.88 billion.",
            "Shr loss 2.03 dlrs vs loss 85 cts Net loss 10,742,113 vs loss 3,700,712 Revs 8,027,065 vs 8,689,008 Avg shrs 5.3 mln vs 4.4 mln",
        ];
        assert_eq!(detect(table), None);
        assert_eq!(detect(["Le ministre a parlé hier soir à Paris."]), None);
        let names = "Jean-Pierre Dupont, Marie-Claire Lefèvre, François Hollande, Ségolène Royal, Nicolas Sarkozy, Dominique Strauss-Kahn, Martine Aubry, Laurent Fabius, Arnaud Montebourg, Manuel Valls, Benoît Hamon, Jean-Luc Mélenchon";
        assert_eq!(detect([names, names, names]), None);
    }
}
