//! The analysis said in Russian: the journal comparison as a neutral sentence, the weak tasks,
//! and the whole analysis as plain text (the CLI; the page and the printout use the same
//! sentences). In: an [`Analysis`]; out: strings.

use super::super::ru;
use super::analysis::{Analysis, Group, JournalComparison};

/// «отметки ВПР ниже текущих у 48,0 % участников (12 из 25), совпадают — у 40,0 % (10), выше —
/// у 12,0 % (3)». Never more than that: a gap between the work and the journal has many
/// causes, and the calculator does not guess which.
pub fn journal_sentence(j: &JournalComparison) -> String {
    let n = j.compared();
    if n == 0 {
        return "отметок в журнале для сравнения нет".to_string();
    }
    let mut s = format!(
        "отметки ВПР ниже отметок в журнале у {} участников ({} из {n}), совпадают — у {} ({}), выше — у {} ({})",
        ru::percent(j.percent(j.lower)),
        j.lower,
        ru::percent(j.percent(j.same)),
        j.same,
        ru::percent(j.percent(j.higher)),
        j.higher
    );
    if j.without > 0 {
        s.push_str(&format!(
            "; без отметки в журнале — {}",
            ru::count(j.without as u64, "участник", "участника", "участников")
        ));
    }
    s
}

/// «задания 6, 11.2 выполнены меньше чем наполовину» or «все задания выполнены хотя бы
/// наполовину».
pub fn weak_sentence(g: &Group) -> String {
    match g.weak.as_slice() {
        [] => "все задания выполнены в среднем хотя бы наполовину".to_string(),
        [one] => format!("задание {one} выполнено в среднем меньше чем наполовину"),
        many => format!(
            "задания {} выполнены в среднем меньше чем наполовину",
            many.join(", ")
        ),
    }
}

fn group_text(out: &mut String, g: &Group) {
    let m = &g.marks;
    out.push_str(&format!(
        "  {}: участников {}{}\n",
        g.label,
        g.participants,
        if g.absent > 0 {
            format!(", отсутствовали {}", g.absent)
        } else {
            String::new()
        }
    ));
    if g.participants == 0 {
        return;
    }
    out.push_str(&format!(
        "    «2» — {} ({}), «3» — {} ({}), «4» — {} ({}), «5» — {} ({})\n",
        m.n2,
        ru::percent(g.mark_percent[0]),
        m.n3,
        ru::percent(g.mark_percent[1]),
        m.n4,
        ru::percent(g.mark_percent[2]),
        m.n5,
        ru::percent(g.mark_percent[3])
    ));
    out.push_str(&format!(
        "    доля «2»: {} ({}/{}); успеваемость {}; качество {}; средний балл {}; СОУ {}\n",
        ru::percent(g.share2),
        m.n2,
        g.participants,
        ru::percent(g.success),
        ru::percent(g.quality),
        ru::decimal(g.mean, 2),
        ru::percent(g.sou)
    ));
    let tasks: Vec<String> = g
        .tasks
        .iter()
        .map(|t| {
            format!(
                "{} — {}",
                t.name,
                t.percent.map_or("—".to_string(), ru::percent)
            )
        })
        .collect();
    out.push_str(&format!(
        "    задания (% от максимума): {}\n",
        tasks.join("; ")
    ));
    out.push_str(&format!("    {}\n", weak_sentence(g)));
    if let Some(j) = &g.journal {
        out.push_str(&format!("    {}\n", journal_sentence(j)));
    }
}

/// The analysis as plain text.
pub fn to_text(a: &Analysis) -> String {
    let mut out = String::new();
    if let Some(f) = &a.file {
        out.push_str(&format!("Протокол «{f}»\n"));
    }
    out.push_str(&format!("ВПР: {}\n", a.title));
    out.push_str(&format!(
        "Шкала: {} (источник: {})\n",
        a.scale.describe(a.max_total),
        a.scale.source
    ));
    for s in &a.schools {
        out.push_str(&format!("\n{}\n", s.school.title()));
        group_text(&mut out, &s.total);
        if s.classes.len() > 1 {
            for c in &s.classes {
                group_text(&mut out, c);
            }
        }
    }
    if !a.diagnostics.is_empty() {
        out.push_str("\nЗамечания:\n");
        for d in &a.diagnostics {
            out.push_str(&format!("  {d}\n"));
        }
    }
    out
}
