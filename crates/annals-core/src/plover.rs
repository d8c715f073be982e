//! The PLOVER ontology: event types, their modes, conflict-cooperation scores and a CAMEO code
//! for users of CAMEO-coded data.

use serde::{Deserialize, Serialize};

/// The 16 PLOVER event types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "UPPERCASE")]
pub enum EventType {
    Agree,
    Consult,
    Support,
    Concede,
    Cooperate,
    Aid,
    Retreat,
    Request,
    Accuse,
    Reject,
    Threaten,
    Protest,
    Sanction,
    Mobilize,
    Coerce,
    Assault,
}

impl EventType {
    pub const ALL: [EventType; 16] = [
        EventType::Agree,
        EventType::Consult,
        EventType::Support,
        EventType::Concede,
        EventType::Cooperate,
        EventType::Aid,
        EventType::Retreat,
        EventType::Request,
        EventType::Accuse,
        EventType::Reject,
        EventType::Threaten,
        EventType::Protest,
        EventType::Sanction,
        EventType::Mobilize,
        EventType::Coerce,
        EventType::Assault,
    ];

    /// Parses a type name, accepting the names older PLOVER versions used.
    pub fn parse(name: &str) -> Option<EventType> {
        Some(match name.trim().to_ascii_uppercase().as_str() {
            "AGREE" => EventType::Agree,
            "CONSULT" => EventType::Consult,
            "SUPPORT" => EventType::Support,
            "CONCEDE" => EventType::Concede,
            "COOPERATE" => EventType::Cooperate,
            "AID" => EventType::Aid,
            "RETREAT" => EventType::Retreat,
            "REQUEST" | "DEMAND" => EventType::Request,
            "ACCUSE" | "DISAPPROVE" | "INVESTIGATE" => EventType::Accuse,
            "REJECT" => EventType::Reject,
            "THREATEN" => EventType::Threaten,
            "PROTEST" => EventType::Protest,
            "SANCTION" => EventType::Sanction,
            "MOBILIZE" => EventType::Mobilize,
            "COERCE" => EventType::Coerce,
            "ASSAULT" | "FIGHT" => EventType::Assault,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            EventType::Agree => "AGREE",
            EventType::Consult => "CONSULT",
            EventType::Support => "SUPPORT",
            EventType::Concede => "CONCEDE",
            EventType::Cooperate => "COOPERATE",
            EventType::Aid => "AID",
            EventType::Retreat => "RETREAT",
            EventType::Request => "REQUEST",
            EventType::Accuse => "ACCUSE",
            EventType::Reject => "REJECT",
            EventType::Threaten => "THREATEN",
            EventType::Protest => "PROTEST",
            EventType::Sanction => "SANCTION",
            EventType::Mobilize => "MOBILIZE",
            EventType::Coerce => "COERCE",
            EventType::Assault => "ASSAULT",
        }
    }

    /// The PLOVER conflict-cooperation score of this type and mode (manual, table
    /// "PLOVER conflict-cooperation scores"). ACCUSE without a mode is printed as 3 in the
    /// manual, an obvious sign slip among its negative modes: -3 is used.
    pub fn score(self, mode: Option<&str>) -> f32 {
        let mode = mode.unwrap_or("").to_ascii_lowercase();
        let by_mode = match (self, mode.as_str()) {
            (EventType::Consult, "visit") => Some(4.0),
            (EventType::Consult, "third-party") => Some(1.0),
            (EventType::Consult, "multilateral") => Some(4.0),
            (EventType::Consult, "phone") => Some(1.5),
            (EventType::Retreat, "withdraw") => Some(8.0),
            (EventType::Retreat, "release") => Some(6.5),
            (EventType::Retreat, "disarm") => Some(10.0),
            (EventType::Retreat, "ceasefire") => Some(7.5),
            (EventType::Retreat, "access") => Some(6.5),
            (EventType::Retreat, "resign") => Some(4.5),
            (EventType::Request, "assist") => Some(0.5),
            (EventType::Request, "change") | (EventType::Request, "yield") => Some(-1.0),
            (EventType::Request, "meet") => Some(0.0),
            (EventType::Accuse, "disapprove") => Some(-2.0),
            (EventType::Accuse, "investigate") | (EventType::Accuse, "allege") => Some(-3.5),
            (EventType::Reject, "assist") => Some(-1.5),
            (EventType::Reject, _) if !mode.is_empty() => Some(-2.0),
            (EventType::Threaten, "restrict") => Some(-3.0),
            (EventType::Threaten, "territory") => Some(-4.0),
            (EventType::Threaten, _) if !mode.is_empty() => Some(-3.5),
            (EventType::Protest, "riot") => Some(-7.0),
            (EventType::Protest, "hunger")
            | (EventType::Protest, "boycott")
            | (EventType::Protest, "obstruct") => Some(-4.5),
            (EventType::Protest, _) if !mode.is_empty() => Some(-5.0),
            (EventType::Sanction, "expel") => Some(-5.5),
            (EventType::Sanction, _) if !mode.is_empty() => Some(-6.0),
            (EventType::Mobilize, "troops") | (EventType::Mobilize, "weapons") => Some(-6.5),
            (EventType::Mobilize, "police") => Some(-5.5),
            (EventType::Mobilize, "militia") => Some(-6.0),
            (EventType::Coerce, "censor")
            | (EventType::Coerce, "curfew")
            | (EventType::Coerce, "misinformation") => Some(-6.5),
            (EventType::Coerce, "martial-law") => Some(-7.5),
            (EventType::Coerce, _) if !mode.is_empty() => Some(-7.0),
            (EventType::Assault, "abduct")
            | (EventType::Assault, "torture")
            | (EventType::Assault, "sexual")
            | (EventType::Assault, "destroy") => Some(-8.5),
            (EventType::Assault, "beat") | (EventType::Assault, "crowd-control") => Some(-7.5),
            (EventType::Assault, "targeted")
            | (EventType::Assault, "suicide-attack")
            | (EventType::Assault, "aerial")
            | (EventType::Assault, "drone")
            | (EventType::Assault, "heavy-weapons") => Some(-9.5),
            (EventType::Assault, "primitive") => Some(-8.0),
            (EventType::Assault, "unconventional") => Some(-10.0),
            _ => None,
        };
        by_mode.unwrap_or(match self {
            EventType::Agree | EventType::Consult => 2.5,
            EventType::Support => 5.0,
            EventType::Concede => 4.5,
            EventType::Cooperate => 9.5,
            EventType::Aid => 10.0,
            EventType::Retreat => 6.5,
            EventType::Request => 0.0,
            EventType::Accuse => -3.0,
            EventType::Reject => -2.0,
            EventType::Threaten => -3.5,
            EventType::Protest => -5.0,
            EventType::Sanction => -6.0,
            EventType::Mobilize => -5.5,
            EventType::Coerce => -7.0,
            EventType::Assault => -9.0,
        })
    }

    /// A representative CAMEO code for this type and mode, after the 2021 CAMEO-to-PLOVER
    /// table, for GDELT-style exports.
    pub fn cameo(self, mode: Option<&str>) -> &'static str {
        let mode = mode.unwrap_or("");
        match (self, mode) {
            (EventType::Agree, _) => "030",
            (EventType::Consult, "visit") => "042",
            (EventType::Consult, "phone") => "040",
            (EventType::Consult, "third-party") => "044",
            (EventType::Consult, "multilateral") => "046",
            (EventType::Consult, _) => "040",
            (EventType::Support, _) => "050",
            (EventType::Concede, _) => "080",
            (EventType::Cooperate, _) => "060",
            (EventType::Aid, _) => "070",
            (EventType::Retreat, "withdraw") => "0874",
            (EventType::Retreat, "release") => "0841",
            (EventType::Retreat, "resign") => "0831",
            (EventType::Retreat, "ceasefire") => "0871",
            (EventType::Retreat, _) => "080",
            (EventType::Request, _) => "020",
            (EventType::Accuse, "investigate") => "090",
            (EventType::Accuse, _) => "110",
            (EventType::Reject, _) => "120",
            (EventType::Threaten, _) => "130",
            (EventType::Protest, _) => "140",
            (EventType::Sanction, "expel") => "1663",
            (EventType::Sanction, "convict") => "1711",
            (EventType::Sanction, _) => "160",
            (EventType::Mobilize, _) => "150",
            (EventType::Coerce, "arrest") => "173",
            (EventType::Coerce, "seize") => "171",
            (EventType::Coerce, _) => "170",
            (EventType::Assault, "aerial") => "195",
            (EventType::Assault, "abduct") => "181",
            (EventType::Assault, "explosives") => "183",
            (EventType::Assault, _) => "190",
        }
    }

    /// Whether PLOVER calls this a mutual or cooperative exchange, where a report often names
    /// both sides as actors ("X and Y met").
    pub fn is_mutual(self) -> bool {
        matches!(
            self,
            EventType::Consult | EventType::Cooperate | EventType::Agree
        )
    }
}

impl std::fmt::Display for EventType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_type_parses_back_from_its_name() {
        for t in EventType::ALL {
            assert_eq!(EventType::parse(t.name()), Some(t));
        }
    }

    #[test]
    fn scores_follow_the_manual_table() {
        assert_eq!(EventType::Assault.score(Some("aerial")), -9.5);
        assert_eq!(EventType::Aid.score(None), 10.0);
        assert_eq!(EventType::Sanction.score(Some("expel")), -5.5);
        assert!(EventType::Accuse.score(None) < 0.0);
    }
}
