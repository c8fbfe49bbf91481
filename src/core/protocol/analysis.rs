//! The analysis of a protocol under a scale: per school named in it and per class, the marks
//! «2»–«5» (counts and %), the share of «2», общая и качественная успеваемость, средний балл,
//! СОУ (domain.md §3, «Formulas for marks»), the percent of each task's maximum with the tasks
//! below 50 % named, and the ВПР mark against the journal mark (понизили / подтвердили /
//! повысили). In: a [`Protocol`] and a [`Scale`]; out: an [`Analysis`] (plain numbers, the
//! texts are in `text.rs`).

use serde::Serialize;

use super::super::model::{Diagnostic, Marks, Year};
use super::read::{Protocol, ProtocolSchool, Pupil, Subject};
use super::scale::{Scale, ScaleError};

/// A task is «weak» below this percent of its maximum (the usual line of ВПР analyses).
pub const WEAK_TASK_PERCENT: f64 = 50.0;

/// One task over a group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TaskResult {
    pub header: String,
    pub name: String,
    pub max: u32,
    /// Points scored by the group, and the points possible (max × participants who had the
    /// task — «не пройд.» is left out).
    pub points: u32,
    pub possible: u32,
    /// points / possible in percent; `None` when nobody had the task.
    pub percent: Option<f64>,
}

/// ВПР mark against the journal mark, over participants who have both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
pub struct JournalComparison {
    /// ВПР mark below the journal mark.
    pub lower: u32,
    pub same: u32,
    /// ВПР mark above the journal mark.
    pub higher: u32,
    /// Participants without a journal mark (not compared).
    pub without: u32,
}

impl JournalComparison {
    /// Participants compared.
    pub fn compared(&self) -> u32 {
        self.lower + self.same + self.higher
    }

    /// `n` as a percent of those compared.
    pub fn percent(&self, n: u32) -> f64 {
        pct(n, self.compared())
    }
}

/// One group: a school, or a class of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    /// «5 класс», «6А», or the school's name.
    pub label: String,
    pub participants: u32,
    /// Rows of absent pupils.
    pub absent: u32,
    pub marks: Marks,
    /// Marks «2», «3», «4», «5» in percent of participants.
    pub mark_percent: [f64; 4],
    /// Share of «2», % (what goes into the ДТК as `n2/participants`).
    pub share2: f64,
    /// общая успеваемость = (n5+n4+n3)/N, %.
    pub success: f64,
    /// качественная успеваемость = (n5+n4)/N, %.
    pub quality: f64,
    /// средний балл = (5n5+4n4+3n3+2n2)/N.
    pub mean: f64,
    /// СОУ = (100·n5 + 64·n4 + 36·n3 + 16·n2)/N, %.
    pub sou: f64,
    pub tasks: Vec<TaskResult>,
    /// Names of tasks below [`WEAK_TASK_PERCENT`].
    pub weak: Vec<String>,
    /// `None` when the protocol has no journal-mark column.
    pub journal: Option<JournalComparison>,
}

/// A school of the protocol: all its participants, then each class.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SchoolAnalysis {
    pub school: ProtocolSchool,
    pub total: Group,
    pub classes: Vec<Group>,
}

/// A protocol analysed under a scale.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Analysis {
    pub file: Option<String>,
    pub title: String,
    pub subject: Subject,
    pub grade: Option<u32>,
    pub year: Option<Year>,
    pub scale: Scale,
    pub max_total: u32,
    pub schools: Vec<SchoolAnalysis>,
    pub diagnostics: Vec<Diagnostic>,
}

fn pct(n: u32, of: u32) -> f64 {
    if of == 0 {
        0.0
    } else {
        n as f64 * 100.0 / of as f64
    }
}

/// «5 класс» for a class without a letter («нет»), «5А» for «А», the name as written when it
/// already starts with a digit.
pub fn class_label(grade: Option<u32>, raw: &str) -> String {
    let raw = raw.trim();
    let g = grade.map_or(String::new(), |g| g.to_string());
    if raw.is_empty() || raw.eq_ignore_ascii_case("нет") || raw == "нет" {
        if g.is_empty() {
            "класс без буквы".to_string()
        } else {
            format!("{g} класс")
        }
    } else if raw.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        raw.to_string()
    } else {
        format!("{g}{raw}")
    }
}

/// Analyses a protocol under a scale (checked first against the work's maximum).
pub fn analyse(p: &Protocol, scale: &Scale) -> Result<Analysis, ScaleError> {
    scale.check(p.max_total())?;
    let mut schools = Vec::new();
    for (i, school) in p.schools.iter().enumerate() {
        let pupils: Vec<&Pupil> = p.pupils.iter().filter(|x| x.school == i).collect();
        let mut labels: Vec<String> = Vec::new();
        // An absent pupil with no class written is not a class of its own.
        for x in pupils
            .iter()
            .filter(|x| !(x.absent && x.class.trim().is_empty()))
        {
            let l = class_label(p.grade, &x.class);
            if !labels.contains(&l) {
                labels.push(l);
            }
        }
        labels.sort();
        let label = match labels.as_slice() {
            [one] => one.clone(),
            _ => "все классы".to_string(),
        };
        let total = group(p, scale, label, &pupils);
        let classes = if labels.len() > 1 {
            labels
                .iter()
                .map(|l| {
                    let of: Vec<&Pupil> = pupils
                        .iter()
                        .copied()
                        .filter(|x| &class_label(p.grade, &x.class) == l)
                        .collect();
                    group(p, scale, l.clone(), &of)
                })
                .collect()
        } else {
            // One class: the school's group is the class's.
            vec![total.clone()]
        };
        schools.push(SchoolAnalysis {
            school: school.clone(),
            total,
            classes,
        });
    }
    Ok(Analysis {
        file: p.file.clone(),
        title: p.title(),
        subject: p.subject.clone(),
        grade: p.grade,
        year: p.year,
        scale: scale.clone(),
        max_total: p.max_total(),
        schools,
        diagnostics: p.diagnostics.clone(),
    })
}

fn group(p: &Protocol, scale: &Scale, label: String, pupils: &[&Pupil]) -> Group {
    let present: Vec<&Pupil> = pupils.iter().copied().filter(|x| !x.absent).collect();
    let n = present.len() as u32;
    let mut marks = Marks::default();
    let mut journal = JournalComparison::default();
    for x in &present {
        let m = scale.mark(x.total);
        match m {
            2 => marks.n2 += 1,
            3 => marks.n3 += 1,
            4 => marks.n4 += 1,
            _ => marks.n5 += 1,
        }
        match x.journal {
            None => journal.without += 1,
            Some(j) if m < j => journal.lower += 1,
            Some(j) if m == j => journal.same += 1,
            Some(_) => journal.higher += 1,
        }
    }
    let tasks: Vec<TaskResult> = p
        .tasks
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let scored: Vec<u32> = present.iter().filter_map(|x| x.scores[i]).collect();
            let points: u32 = scored.iter().sum();
            let possible = t.max * scored.len() as u32;
            TaskResult {
                header: t.header.clone(),
                name: t.name.clone(),
                max: t.max,
                points,
                possible,
                percent: (possible > 0).then(|| pct(points, possible)),
            }
        })
        .collect();
    let weak = tasks
        .iter()
        .filter(|t| t.percent.is_some_and(|v| v < WEAK_TASK_PERCENT))
        .map(|t| t.name.clone())
        .collect();
    let Marks { n2, n3, n4, n5 } = marks;
    let mean = if n == 0 {
        0.0
    } else {
        (5 * n5 + 4 * n4 + 3 * n3 + 2 * n2) as f64 / n as f64
    };
    Group {
        label,
        participants: n,
        absent: pupils.len() as u32 - n,
        marks,
        mark_percent: [pct(n2, n), pct(n3, n), pct(n4, n), pct(n5, n)],
        share2: pct(n2, n),
        success: pct(n3 + n4 + n5, n),
        quality: pct(n4 + n5, n),
        mean,
        sou: if n == 0 {
            0.0
        } else {
            (100 * n5 + 64 * n4 + 36 * n3 + 16 * n2) as f64 / n as f64
        },
        tasks,
        weak,
        journal: p.has_journal.then_some(journal),
    }
}
