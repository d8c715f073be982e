//! The actor lookup set (`tests/fixtures/actors/*.tsv`): (mention, date) -> the expected
//! actor and the office held that day, across English, German, Russian and Kazakh spellings.

fn norm(s: &str) -> String {
    annals_text::fold::translit(s)
}

#[test]
fn actor_lookups_resolve_to_the_right_person_and_office() {
    let kb = &crate::coder().kb;
    let dir = crate::root().join("tests/fixtures/actors");
    let (mut total, mut right) = (0usize, 0usize);
    let mut failures = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "tsv") {
            continue;
        }
        for line in std::fs::read_to_string(&path)
            .unwrap()
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 5 {
                continue;
            }
            let (mention, date, name, country, office) =
                (cols[0], cols[1], cols[2], cols[3], cols[4]);
            total += 1;
            let date = (!date.is_empty()).then_some(date);
            let hits = kb.lookup(mention, date);
            let ok = hits.first().is_some_and(|h| {
                let held = h.office.map(|o| o.role.as_str()).unwrap_or("-");
                norm(&h.entity.name) == norm(name)
                    && h.entity.country == country
                    && (office == "-" && h.office.is_none() || held == office || date.is_none())
            });
            if ok {
                right += 1;
            } else {
                failures.push(format!(
                    "{mention} @ {:?}: want {name} / {office}, got {:?}",
                    date,
                    hits.first()
                        .map(|h| (h.entity.name.clone(), h.office.map(|o| o.role.clone())))
                ));
            }
        }
    }
    let rate = right as f64 / total.max(1) as f64;
    println!("actor lookups: {right}/{total} ({:.1} %)", rate * 100.0);
    for f in failures.iter().take(40) {
        println!("  FAIL {f}");
    }
    assert!(
        total >= 300,
        "the lookup set must hold at least 300 pairs, has {total}"
    );
    assert!(
        rate >= 0.95,
        "actor lookups: {:.1} % right, below 95 %",
        rate * 100.0
    );
}

/// An ambiguous surname is resolved by the state the report names, or left unresolved with
/// a warning: never guessed.
#[test]
fn ambiguous_surnames_take_the_named_state_or_stay_unresolved() {
    let coder = crate::coder();
    let code = |text: &str| {
        let input = annals_extract::Input {
            id: "t",
            text,
            lang: Some("en"),
            published: Some("2023-06-01"),
            ..Default::default()
        };
        coder.code(&input).unwrap()
    };
    let persons = |rec: &annals_core::record::DocRecord| -> Vec<String> {
        rec.entities
            .iter()
            .filter(|e| e.kind == "person")
            .map(|e| e.name.clone())
            .collect()
    };
    let uk = code("Britain will send more weapons to Ukraine, Johnson said.");
    assert_eq!(persons(&uk), ["Boris Johnson"]);
    let se = code("Sweden will send more weapons to Ukraine, Jonson said.");
    assert_eq!(persons(&se), ["Pål Jonson"]);
    let none = code("Johnson spoke to reporters.");
    assert!(persons(&none).is_empty());
    assert!(none.warnings.iter().any(|w| w.contains("ambiguous name")));
}

/// A role phrase of a state names the person who held that office on the publication date.
#[test]
fn role_phrases_name_the_office_holder_of_the_day() {
    let coder = crate::coder();
    let persons = |text: &str, lang: &str, date: &str| -> Vec<String> {
        let input = annals_extract::Input {
            id: "t",
            text,
            lang: Some(lang),
            published: Some(date),
            ..Default::default()
        };
        let rec = coder.code(&input).unwrap();
        rec.entities
            .iter()
            .filter(|e| e.kind == "person")
            .map(|e| e.name.clone())
            .collect()
    };
    let de = "Der russische Außenminister reiste am Montag nach Ankara.";
    assert_eq!(persons(de, "de", "2020-01-01"), ["Sergey Lavrov"]);
    let ru = "Министр обороны России прибыл в Минск.";
    assert_eq!(persons(ru, "ru", "2020-01-01"), ["Sergei Shoigu"]);
    // No publication date: the role stays a role.
    let input = annals_extract::Input { id: "t", text: de, lang: Some("de"), ..Default::default() };
    assert!(coder.code(&input).unwrap().entities.iter().all(|e| e.kind != "person"));
}

/// A person the base does not know is found by a given name (`data/kb/given-names.tsv`), takes
/// the state of an apposition, and is referred to later by the surname alone.
#[test]
fn unknown_people_are_found_by_their_given_names() {
    let rec = code(
        "Chile rejected the claim, said Ignacio Valdivieso, a Chilean diplomat. Valdivieso added that talks would go on.",
        "en",
    );
    let p = rec.entities.iter().find(|e| e.kind == "person").expect("a person");
    assert_eq!(p.name, "Ignacio Valdivieso");
    assert_eq!(p.country.as_deref(), Some("CHL"));
    assert_eq!(p.mentions.len(), 2);
    let rec = code("Журналист Андрей Сорокин сообщил о задержании. Сорокина отпустили вечером.", "ru");
    let p = rec.entities.iter().find(|e| e.kind == "person").expect("a person");
    assert_eq!(p.mentions.len(), 2);
    // A Cyrillic name gets its English spelling, in the nominative, so that one person has
    // one name in every language; the mentions keep the text as written.
    assert_eq!(p.name, "Andrey Sorokin");
    let rec = code("Суд арестовал журналиста Дмитрия Кузнецова, сообщил адвокат.", "ru");
    let p = rec.entities.iter().find(|e| e.kind == "person").expect("a person");
    assert_eq!(p.name, "Dmitry Kuznetsov");
    assert_eq!(p.mentions[0].text, "Дмитрия Кузнецова");
    // An officer of a state's body takes its state ("Совбеза РФ Юрий Аверьянов"); an
    // apposition naming a body gives the state too.
    let rec = code(
        "Заместитель секретаря Совбеза РФ Юрий Аверьянов заявил, что саммит провалился.",
        "ru",
    );
    let p = rec.entities.iter().find(|e| e.kind == "person").expect("a person");
    assert_eq!((p.name.as_str(), p.country.as_deref()), ("Yury Averyanov", Some("RUS")));
    assert!(rec.entities.iter().any(|e| e.name == "Russia"
        && e.mentions.iter().any(|m| m.text == "РФ")));
    let rec = code("Главный редактор «Новой газеты» Дмитрий Муратов призвал создать фонд.", "ru");
    let p = rec.entities.iter().find(|e| e.kind == "person").expect("a person");
    assert_eq!(
        (p.name.as_str(), p.country.as_deref(), p.sector.as_deref()),
        ("Dmitry Muratov", Some("RUS"), Some("JRN"))
    );
    let rec = code("Heather Nauert, a State Department spokeswoman, criticised the decision.", "en");
    let p = rec.entities.iter().find(|e| e.kind == "person").expect("a person");
    assert_eq!(p.country.as_deref(), Some("USA"));
}

/// Where every noun is capitalised, a surname alone must be spelled as the data spells it:
/// German nouns that fold like a surname name nobody.
#[test]
fn german_nouns_are_no_surnames() {
    let coder = crate::coder();
    let input = annals_extract::Input {
        id: "t",
        text: "Mehrere Personen wurden verletzt. Dann kritisierte Tokajews Sprecher den Kurs der Regierung, und ganz Astana wartete auf Putins Antwort.",
        lang: Some("de"),
        published: Some("2024-03-01"),
        ..Default::default()
    };
    let rec = coder.code(&input).unwrap();
    let people: Vec<&str> = rec
        .entities
        .iter()
        .filter(|e| e.kind == "person")
        .map(|e| e.name.as_str())
        .collect();
    assert_eq!(people, ["Kassym-Jomart Tokayev", "Vladimir Putin"], "{people:?}");
}

/// A word that opens a sentence and that the report also writes in lowercase is that word,
/// not a town of the same spelling; a town must be spelled as written, not merely fold alike.
#[test]
fn common_words_are_no_towns() {
    let towns = |rec: &annals_core::record::DocRecord| -> Vec<String> {
        rec.entities.iter().filter(|e| e.kind == "location").map(|e| e.name.clone()).collect()
    };
    let ru = code("Как сообщил министр, переговоры в Минске продолжатся. Он не сказал, как долго.", "ru");
    assert_eq!(towns(&ru), ["Minsk"]);
    let de = code("Allein in Graz wurden neue Zahlen veröffentlicht, allein die Länder schweigen.", "de");
    assert_eq!(towns(&de), ["Graz"]);
}

/// Codes `text` in `lang`, published on 2024-03-01.
fn code(text: &str, lang: &str) -> annals_core::record::DocRecord {
    let input = annals_extract::Input {
        id: "t",
        text,
        lang: Some(lang),
        published: Some("2024-03-01"),
        ..Default::default()
    };
    crate::coder().code(&input).unwrap()
}
