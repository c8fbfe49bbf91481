//! The indicator catalogue: the single source of truth for every ДТК indicator.
//!
//! The template download, the readers (by code and by the form's wording), the report layout,
//! the dynamics polarity, the identification procedures and the «Вывод»/«Проблема» rules all
//! read this one table. Adding an indicator is adding one entry here.
//!
//! Labels follow the wording of the ДТК form at the end of seed 001 (Приложение 1 к Программе
//! мониторингов); where the form groups sub-rows («а) НОО», «б) ООО») the group heading is in
//! `group` and the sub-row in `label`.
//!
//! In: the methodology's constants and the form's block ids (`SectionId`) from `rules`, which
//! sits below and imports nothing back; out: the sections and indicators, and the rules'
//! tables re-exported, to every stage of the core.

use serde::Serialize;

/// The form's block ids sit with the methodology's rules (the pairs group them); the table
/// below gives them headings.
pub use super::rules::SectionId;

/// A section of the form with its heading.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Section {
    pub id: SectionId,
    /// «1.1»
    pub number: &'static str,
    /// «Сохранность контингента»
    pub title: &'static str,
    /// The criterion the section belongs to: «Образовательный критерий».
    pub criterion: &'static str,
}

impl Section {
    /// «1.1. Сохранность контингента»
    pub fn heading(&self) -> String {
        format!("{}. {}", self.number, self.title)
    }
}

const EDU: &str = "1. Образовательный критерий";
const SOC: &str = "2. Социальный критерий";
const PROF: &str = "3. Профессионально-педагогический критерий";

/// The ten blocks of the ДТК, in form order.
#[rustfmt::skip]
pub const SECTIONS: &[Section] = &[
    Section { id: SectionId::S1_1, number: "1.1", title: "Сохранность контингента", criterion: EDU },
    Section { id: SectionId::S1_2, number: "1.2", title: "Качество образования", criterion: EDU },
    Section { id: SectionId::S1_3, number: "1.3", title: "Результаты ГИА", criterion: EDU },
    Section { id: SectionId::S2_1, number: "2.1", title: "Социальный статус семей обучающихся", criterion: SOC },
    Section { id: SectionId::S2_2, number: "2.2", title: "Социальное благополучие образовательной среды", criterion: SOC },
    Section { id: SectionId::S2_3, number: "2.3", title: "Доступность образовательной инфраструктуры", criterion: SOC },
    Section { id: SectionId::S3_1, number: "3.1", title: "Кадровый потенциал", criterion: PROF },
    Section { id: SectionId::S3_2, number: "3.2", title: "Профессионально-методическая среда развития ОО", criterion: PROF },
    Section { id: SectionId::S3_3, number: "3.3", title: "Адресная методическая поддержка ОО", criterion: PROF },
    Section { id: SectionId::S3_4, number: "3.4", title: "Ресурсные дефициты ОО", criterion: PROF },
];

/// Looks a section up by id.
pub fn section(id: SectionId) -> Option<&'static Section> {
    SECTIONS.iter().find(|s| s.id == id)
}

/// What a cell of the indicator holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A number of pupils, programmes…
    Count,
    /// A share, shown in percent; may be given as `part/whole` or as a percentage.
    Share,
    /// да / нет.
    YesNo,
    /// Free text.
    Text,
    /// School metadata (name, code…), read from the first year column.
    Meta,
}

/// Which direction is better. Drives the dynamics label and its colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Polarity {
    LowerBetter,
    HigherBetter,
    Neutral,
}

/// Grammatical gender/number of an indicator's `phrase`, so generated sentences agree
/// («доля … выросла», «отсев … вырос», «количество … выросло», «показатели … выросли»).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Gender {
    Masc,
    Fem,
    Neut,
    Plural,
}

/// The assessment procedures of the identification methodology.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProcKind {
    Vpr,
    Oge,
    Ege,
}

/// A check that makes the «Проблема» of a block fire. Rules are data: each indicator lists the
/// checks that apply to it, and `conclude` evaluates them all the same way.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "rule")]
pub enum Check {
    /// Latest share ≥ `percent` (inclusive, exact): «2» / below minimum.
    LowShare { percent: u32 },
    /// Dynamics negative or significantly negative.
    NegativeDynamics,
    /// Latest value below a target from the sources.
    Target {
        min_percent: u32,
        source: &'static str,
    },
    /// Any value above zero in the latest year is a problem (отсев, no certificate, repeaters).
    NonZero,
    /// «нет» in the latest year is a problem (no psychologist…).
    RequireYes,
    /// Zero in the latest year is a problem (no антирисковые programmes).
    RequirePositive,
    /// No data in a year of the file where the neighbours have data.
    MissingData,
}

/// How a computed indicator is derived from others.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "formula")]
pub enum Formula {
    /// part / whole, as a share.
    Ratio {
        part: &'static str,
        whole: &'static str,
    },
}

/// One indicator of the ДТК.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Indicator {
    /// The stable key used in files: `vpr.math.5`.
    pub code: &'static str,
    pub section: SectionId,
    /// The form's group heading for sub-rows («Отсев (в течение года)»), if any.
    pub group: Option<&'static str>,
    /// The row label as in the form («а) из основной школы»).
    pub label: &'static str,
    /// A self-contained noun phrase for generated sentences («отсев из основной школы»).
    pub phrase: &'static str,
    pub gender: Gender,
    pub kind: Kind,
    pub polarity: Polarity,
    /// For assessment results: the procedure it is (used by identification).
    pub procedure: Option<ProcKind>,
    /// Whether it counts for ШНОР identification by default (the nine procedures of §1).
    pub identification_default: bool,
    /// For a retake row: the main procedure it is a retake of.
    pub retake_of: Option<&'static str>,
    /// How it is computed, for computed indicators (never read from a file).
    pub formula: Option<Formula>,
    /// Checks that make the block's «Проблема» fire.
    pub checks: &'static [Check],
    /// Whether the downloadable template lists it (rare extras such as ВПР 4, 7, 8 are still
    /// accepted by code).
    pub in_template: bool,
    /// Other wordings that should match this row when a table has no codes.
    pub aliases: &'static [&'static str],
    /// The school's social context (family shares of 2.1, domain.md §2 «Context is not
    /// performance»): its change is social risk, never the school's negative dynamics.
    pub context: bool,
}

const LOW: Check = Check::LowShare {
    percent: super::rules::LOW_PERCENT,
};
const NEG: Check = Check::NegativeDynamics;
const MISS: Check = Check::MissingData;
const SRC_METHODICAL: &str = "Программа мониторингов, «Адресная методическая поддержка»: доля охваченных методической работой — 100 %";
const SRC_COURSES: &str = "Программа мониторингов, «Адресная методическая поддержка»: доля прошедших курсовую подготовку — не менее 80 %";
const SRC_PARTNER: &str = "Программа мониторингов, «Адресная методическая поддержка»: доля вовлечённых в сетевое взаимодействие — не менее 80 %";
const SRC_RISK: &str = "Программа мониторингов, «Мониторинг факторов риска…»: не менее 80 %";

/// Builds a catalogue entry with the common defaults; the table below overrides what differs.
/// (Eight positional fields keep each table row on one line, which is what makes the table
/// readable.)
#[allow(clippy::too_many_arguments)]
const fn ind(
    code: &'static str,
    section: SectionId,
    group: Option<&'static str>,
    label: &'static str,
    phrase: &'static str,
    gender: Gender,
    kind: Kind,
    polarity: Polarity,
) -> Indicator {
    Indicator {
        code,
        section,
        group,
        label,
        phrase,
        gender,
        kind,
        polarity,
        procedure: None,
        identification_default: false,
        retake_of: None,
        formula: None,
        checks: &[NEG],
        in_template: true,
        aliases: &[],
        context: false,
    }
}

const fn context(mut i: Indicator) -> Indicator {
    i.context = true;
    i
}

const fn checks(mut i: Indicator, checks: &'static [Check]) -> Indicator {
    i.checks = checks;
    i
}

const fn proc(mut i: Indicator, kind: ProcKind, counted: bool) -> Indicator {
    i.procedure = Some(kind);
    i.identification_default = counted;
    i.checks = &[LOW, NEG, MISS];
    i
}

const fn retake(mut i: Indicator, kind: ProcKind, of: &'static str) -> Indicator {
    i.procedure = Some(kind);
    i.retake_of = Some(of);
    i.checks = &[LOW];
    i
}

const fn extra(mut i: Indicator) -> Indicator {
    i.in_template = false;
    i
}

const fn computed(mut i: Indicator, part: &'static str, whole: &'static str) -> Indicator {
    i.formula = Some(Formula::Ratio { part, whole });
    i.in_template = false;
    i
}

const fn aliases(mut i: Indicator, a: &'static [&'static str]) -> Indicator {
    i.aliases = a;
    i
}

use Gender::*;
use Kind::*;
use Polarity::*;
use SectionId::*;

const G_CONT: Option<&str> = Some("Количество учащихся, обучающихся на конец учебного года");
const G_DROP: Option<&str> = Some("Отсев (в течение года)");
const G_NOCERT: Option<&str> = Some("Не получили аттестат");
const G_REPEAT: Option<&str> = Some("Количество учащихся, оставленных на повторный год обучения");
const G_HONOURS: Option<&str> =
    Some("Количество учащихся, окончивших школу с аттестатом особого образца");
const G_MATH: Option<&str> = Some("Математика. Общая/Качественная успеваемость");
const G_RUS: Option<&str> = Some("Русский язык. Общая/Качественная успеваемость");
const G_SCHOOL: Option<&str> = Some("Успеваемость по итогам учебного года по школе");
const G_VPR_RUS: Option<&str> = Some("ВПР. Русский язык. Доля обучающихся от общего числа участников, получивших неудовлетворительный результат");
const G_VPR_MATH: Option<&str> = Some("ВПР. Математика. Доля обучающихся от общего числа участников, получивших неудовлетворительный результат");
const G_OGE: Option<&str> = Some("ОГЭ. Доля обучающихся от общего числа участников ОГЭ, которые не преодолели минимальный порог, предусмотренный спецификацией соответствующей оценочной процедуры");
const G_EGE: Option<&str> = Some("ЕГЭ. Доля обучающихся от общего числа участников ЕГЭ, которые не преодолели минимальный порог, предусмотренный спецификацией соответствующей оценочной процедуры");
const G_PARENTS: Option<&str> = Some("Образование родителей (законных представителей) учащихся, %");
const G_SPEC: Option<&str> = Some("Наличие специалистов: педагог-психолог, социальный педагог");

/// Every indicator, in the order of the form.
#[rustfmt::skip]
pub const INDICATORS: &[Indicator] = &[
    // --- metadata
    checks(ind("school.name", SectionId::Meta, None, "Наименование ОО", "наименование ОО", Neut, Kind::Meta, Neutral), &[]),
    checks(ind("school.code", SectionId::Meta, None, "Код ОО", "код ОО", Masc, Kind::Meta, Neutral), &[]),
    checks(ind("school.municipality", SectionId::Meta, None, "Муниципалитет", "муниципалитет", Masc, Kind::Meta, Neutral), &[]),
    checks(ind("school.region", SectionId::Meta, None, "Регион", "регион", Masc, Kind::Meta, Neutral), &[]),
    // --- 1.1 Сохранность контингента
    ind("contingent.noo", S1_1, G_CONT, "а) НОО", "численность обучающихся НОО на конец года", Fem, Count, Neutral),
    ind("contingent.ooo", S1_1, G_CONT, "б) ООО", "численность обучающихся ООО на конец года", Fem, Count, Neutral),
    ind("contingent.soo", S1_1, G_CONT, "в) СОО", "численность обучающихся СОО на конец года", Fem, Count, Neutral),
    checks(ind("dropout.ooo", S1_1, G_DROP, "а) из основной школы", "отсев из основной школы", Masc, Count, LowerBetter), &[Check::NonZero, NEG]),
    checks(ind("dropout.soo", S1_1, G_DROP, "б) из средней школы", "отсев из средней школы", Masc, Count, LowerBetter), &[Check::NonZero, NEG]),
    checks(ind("no_certificate.ooo", S1_1, G_NOCERT, "а) об основном общем образовании", "число не получивших аттестат об основном общем образовании", Neut, Count, LowerBetter), &[Check::NonZero, NEG]),
    checks(ind("no_certificate.soo", S1_1, G_NOCERT, "б) о среднем общем образовании", "число не получивших аттестат о среднем общем образовании", Neut, Count, LowerBetter), &[Check::NonZero, NEG]),
    checks(ind("repeat.ooo", S1_1, G_REPEAT, "а) ООО", "число оставленных на повторное обучение (ООО)", Neut, Count, LowerBetter), &[Check::NonZero, NEG]),
    checks(ind("repeat.soo", S1_1, G_REPEAT, "б) СОО", "число оставленных на повторное обучение (СОО)", Neut, Count, LowerBetter), &[Check::NonZero, NEG]),
    ind("honours.ooo", S1_1, G_HONOURS, "а) ООО", "число окончивших ООО с аттестатом особого образца", Neut, Count, HigherBetter),
    ind("honours.soo", S1_1, G_HONOURS, "б) СОО", "число окончивших СОО с аттестатом особого образца", Neut, Count, HigherBetter),
    checks(ind("grade9.graduates", S1_1, None, "Количество выпускников 9 класса", "число выпускников 9 класса", Neut, Count, Neutral), &[]),
    checks(ind("soo.continuing", S1_1, None, "Количество учащихся, продолжающих обучение на уровне СОО", "число продолжающих обучение на уровне СОО", Neut, Count, Neutral), &[]),
    computed(ind("soo.continuing_share", S1_1, None, "Доля учащихся, продолжающих обучение на уровне СОО, %", "доля продолжающих обучение на уровне СОО", Fem, Share, HigherBetter), "soo.continuing", "grade9.graduates"),
    computed(ind("dropout.ooo.rate", S1_1, None, "Отсев из основной школы, % от обучающихся ООО", "доля отсева из основной школы", Fem, Share, LowerBetter), "dropout.ooo", "contingent.ooo"),
    computed(ind("dropout.soo.rate", S1_1, None, "Отсев из средней школы, % от обучающихся СОО", "доля отсева из средней школы", Fem, Share, LowerBetter), "dropout.soo", "contingent.soo"),
    computed(ind("repeat.ooo.rate", S1_1, None, "Оставлены на повторное обучение, % от обучающихся ООО", "доля оставленных на повторное обучение (ООО)", Fem, Share, LowerBetter), "repeat.ooo", "contingent.ooo"),
    computed(ind("repeat.soo.rate", S1_1, None, "Оставлены на повторное обучение, % от обучающихся СОО", "доля оставленных на повторное обучение (СОО)", Fem, Share, LowerBetter), "repeat.soo", "contingent.soo"),
    // --- 1.2 Качество образования
    ind("progress.math.overall", S1_2, G_MATH, "общая успеваемость", "общая успеваемость по математике", Fem, Share, HigherBetter),
    ind("progress.math.quality", S1_2, G_MATH, "качественная успеваемость", "качественная успеваемость по математике", Fem, Share, HigherBetter),
    ind("progress.rus.overall", S1_2, G_RUS, "общая успеваемость", "общая успеваемость по русскому языку", Fem, Share, HigherBetter),
    ind("progress.rus.quality", S1_2, G_RUS, "качественная успеваемость", "качественная успеваемость по русскому языку", Fem, Share, HigherBetter),
    ind("progress.school.overall", S1_2, G_SCHOOL, "общая успеваемость", "общая успеваемость по школе", Fem, Share, HigherBetter),
    ind("progress.school.quality", S1_2, G_SCHOOL, "качественная успеваемость", "качественная успеваемость по школе", Fem, Share, HigherBetter),
    extra(proc(ind("vpr.rus.4", S1_2, G_VPR_RUS, "4 класс", "доля «2» по ВПР (русский язык, 4 кл.)", Fem, Share, LowerBetter), ProcKind::Vpr, false)),
    proc(ind("vpr.rus.5", S1_2, G_VPR_RUS, "5 класс", "доля «2» по ВПР (русский язык, 5 кл.)", Fem, Share, LowerBetter), ProcKind::Vpr, true),
    proc(ind("vpr.rus.6", S1_2, G_VPR_RUS, "6 класс", "доля «2» по ВПР (русский язык, 6 кл.)", Fem, Share, LowerBetter), ProcKind::Vpr, true),
    extra(proc(ind("vpr.rus.7", S1_2, G_VPR_RUS, "7 класс", "доля «2» по ВПР (русский язык, 7 кл.)", Fem, Share, LowerBetter), ProcKind::Vpr, false)),
    extra(proc(ind("vpr.rus.8", S1_2, G_VPR_RUS, "8 класс", "доля «2» по ВПР (русский язык, 8 кл.)", Fem, Share, LowerBetter), ProcKind::Vpr, false)),
    extra(proc(ind("vpr.math.4", S1_2, G_VPR_MATH, "4 класс", "доля «2» по ВПР (математика, 4 кл.)", Fem, Share, LowerBetter), ProcKind::Vpr, false)),
    proc(ind("vpr.math.5", S1_2, G_VPR_MATH, "5 класс", "доля «2» по ВПР (математика, 5 кл.)", Fem, Share, LowerBetter), ProcKind::Vpr, true),
    proc(ind("vpr.math.6", S1_2, G_VPR_MATH, "6 класс", "доля «2» по ВПР (математика, 6 кл.)", Fem, Share, LowerBetter), ProcKind::Vpr, true),
    extra(proc(ind("vpr.math.7", S1_2, G_VPR_MATH, "7 класс", "доля «2» по ВПР (математика, 7 кл.)", Fem, Share, LowerBetter), ProcKind::Vpr, false)),
    extra(proc(ind("vpr.math.8", S1_2, G_VPR_MATH, "8 класс", "доля «2» по ВПР (математика, 8 кл.)", Fem, Share, LowerBetter), ProcKind::Vpr, false)),
    // --- 1.3 Результаты ГИА
    proc(ind("oge.rus", S1_3, G_OGE, "Русский язык, %", "доля не преодолевших минимум по ОГЭ (русский язык)", Fem, Share, LowerBetter), ProcKind::Oge, true),
    retake(ind("oge.rus.retake", S1_3, G_OGE, "Русский язык (повторно), %", "доля не преодолевших минимум по ОГЭ (русский язык, повторно)", Fem, Share, LowerBetter), ProcKind::Oge, "oge.rus"),
    proc(ind("oge.math", S1_3, G_OGE, "Математика, %", "доля не преодолевших минимум по ОГЭ (математика)", Fem, Share, LowerBetter), ProcKind::Oge, true),
    retake(ind("oge.math.retake", S1_3, G_OGE, "Математика (повторно), %", "доля не преодолевших минимум по ОГЭ (математика, повторно)", Fem, Share, LowerBetter), ProcKind::Oge, "oge.math"),
    proc(ind("ege.rus", S1_3, G_EGE, "Русский язык, %", "доля не преодолевших минимум по ЕГЭ (русский язык)", Fem, Share, LowerBetter), ProcKind::Ege, true),
    retake(ind("ege.rus.retake", S1_3, G_EGE, "Русский язык (повторно), %", "доля не преодолевших минимум по ЕГЭ (русский язык, повторно)", Fem, Share, LowerBetter), ProcKind::Ege, "ege.rus"),
    proc(ind("ege.math.base", S1_3, G_EGE, "Математика (базовый), %", "доля не преодолевших минимум по ЕГЭ (математика, базовый уровень)", Fem, Share, LowerBetter), ProcKind::Ege, true),
    proc(ind("ege.math.profile", S1_3, G_EGE, "Математика (профильный), %", "доля не преодолевших минимум по ЕГЭ (математика, профильный уровень)", Fem, Share, LowerBetter), ProcKind::Ege, true),
    // The form has one «Математика (повторно)» row. Retakes of ЕГЭ in mathematics are almost
    // always at the base level, so the retake stands in for the base result.
    retake(ind("ege.math.retake", S1_3, G_EGE, "Математика (повторно), %", "доля не преодолевших минимум по ЕГЭ (математика, повторно)", Fem, Share, LowerBetter), ProcKind::Ege, "ege.math.base"),
    // --- 2.1 Социальный статус семей
    checks(ind("parents.higher", S2_1, G_PARENTS, "Высшее", "доля родителей с высшим образованием", Fem, Share, Neutral), &[MISS]),
    checks(ind("parents.vocational", S2_1, G_PARENTS, "Среднее специальное", "доля родителей со средним специальным образованием", Fem, Share, Neutral), &[MISS]),
    checks(ind("parents.secondary", S2_1, G_PARENTS, "Среднее", "доля родителей со средним образованием", Fem, Share, Neutral), &[MISS]),
    checks(ind("parents.note", S2_1, G_PARENTS, "Примечание", "примечание к образованию родителей", Neut, Text, Neutral), &[]),
    context(ind("family.low_income", S2_1, None, "Доля обучающихся, воспитывающихся в малообеспеченных семьях от общего числа обучающихся", "доля обучающихся из малообеспеченных семей", Fem, Share, LowerBetter)),
    context(ind("family.single_parent", S2_1, None, "Доля обучающихся, воспитывающихся в неполных семьях", "доля обучающихся из неполных семей", Fem, Share, LowerBetter)),
    context(ind("family.large", S2_1, None, "Доля обучающихся, воспитывающихся в многодетных семьях", "доля обучающихся из многодетных семей", Fem, Share, Neutral)),
    context(ind("family.weak_russian", S2_1, None, "Доля обучающихся, слабо владеющих русским языком (воспитывающихся в семьях мигрантов/переселенцев)", "доля обучающихся, слабо владеющих русским языком", Fem, Share, LowerBetter)),
    // --- 2.2 Социальное благополучие
    ind("pupils.registered", S2_2, None, "Доля обучающихся, состоящих на различного вида учета, от общего числа обучающихся", "доля обучающихся, состоящих на учёте", Fem, Share, LowerBetter),
    ind("pupils.contests", S2_2, None, "Доля обучающихся, принимающих участие в мероприятиях конкурсного и олимпиадного движения", "доля участников конкурсов и олимпиад", Fem, Share, HigherBetter),
    // --- 2.3 Инфраструктура (free text)
    checks(ind("infra.remoteness", S2_3, None, "Территориальная удаленность ОО от районного центра и других центров с развитой инфраструктурой", "территориальная удалённость", Fem, Text, Neutral), &[]),
    checks(ind("infra.media_library", S2_3, None, "Школьная медиатека. Наличие удаленного электронного читального зала в ОО", "школьная медиатека", Fem, Text, Neutral), &[]),
    checks(ind("infra.culture", S2_3, None, "Объекты социально-культурной сферы на территории проживания ребенка (библиотека, музей, детская школа искусств, клуб, дом детского творчества, спортивная школа)", "объекты социально-культурной сферы", Plural, Text, Neutral), &[]),
    checks(ind("infra.internet", S2_3, None, "Отсутствие удаленного электронного читального зала в ОО, скоростного доступа к интернет", "скоростной доступ к интернету", Masc, Text, Neutral), &[]),
    // --- 3.1 Кадровый потенциал
    ind("staff.higher_subject", S3_1, None, "Доля педагогических работников, имеющих высшее образование по предмету", "доля педагогов с высшим образованием по предмету", Fem, Share, HigherBetter),
    ind("staff.young", S3_1, None, "Доля молодых учителей (до 35 лет)", "доля молодых учителей (до 35 лет)", Fem, Share, HigherBetter),
    ind("staff.pension_age", S3_1, None, "Доля учителей пенсионного возраста", "доля учителей пенсионного возраста", Fem, Share, LowerBetter),
    ind("staff.part_time", S3_1, None, "Доля совместителей", "доля совместителей", Fem, Share, LowerBetter),
    checks(ind("staff.psychologist", S3_1, G_SPEC, "педагог-психолог", "педагог-психолог", Masc, YesNo, HigherBetter), &[Check::RequireYes]),
    checks(ind("staff.social_pedagogue", S3_1, G_SPEC, "социальный педагог", "социальный педагог", Masc, YesNo, HigherBetter), &[Check::RequireYes]),
    ind("staff.courses", S3_1, None, "Доля учителей, прошедших курсовую подготовку", "доля учителей, прошедших курсовую подготовку", Fem, Share, HigherBetter),
    ind("staff.no_category", S3_1, None, "Доля учителей без квалификационной категории", "доля учителей без квалификационной категории", Fem, Share, LowerBetter),
    // --- 3.2 Профессионально-методическая среда
    ind("diag.internal", S3_2, None, "Доля педагогических работников, прошедших диагностику профессиональных дефицитов/предметных и методических компетенций в образовательной организации от числа педагогических работников образовательной организации", "доля педагогов, прошедших диагностику профессиональных дефицитов", Fem, Share, HigherBetter),
    ind("diag.internal_positive", S3_2, None, "Доля педагогических работников, показавших положительную динамику по итогам диагностики профессиональных дефицитов/предметных и методических компетенций в образовательной организации, от числа педагогических работников образовательной организации", "доля педагогов с положительной динамикой по итогам диагностики", Fem, Share, HigherBetter),
    ind("diag.independent", S3_2, None, "Доля педагогических работников, прошедших независимую диагностику профессиональных дефицитов/предметных и методических компетенций, от числа педагогических работников образовательной организации с указанием организации, проводившей диагностику", "доля педагогов, прошедших независимую диагностику", Fem, Share, HigherBetter),
    ind("diag.independent_positive", S3_2, None, "Доля педагогических работников, показавших положительную динамику по итогам независимой диагностики профессиональных дефицитов/предметных и методических компетенций в образовательной организации, от числа педагогических работников образовательной организации", "доля педагогов с положительной динамикой по итогам независимой диагностики", Fem, Share, HigherBetter),
    checks(ind("diag.independent_org", S3_2, None, "Организация, проводившая независимую диагностику", "организация, проводившая независимую диагностику", Fem, Text, Neutral), &[]),
    // --- 3.3 Адресная методическая поддержка
    checks(ind("support.methodical", S3_3, None, "Доля учителей, вовлеченных в методическую деятельность ОО (МО внутришкольные, сетевые, муниципальные и др., ассоциации учителей-предметников, точки роста)", "доля учителей, вовлечённых в методическую деятельность", Fem, Share, HigherBetter), &[Check::Target { min_percent: super::rules::TARGET_FULL, source: SRC_METHODICAL }, NEG]),
    checks(ind("support.courses", S3_3, None, "Доля педагогических работников, прошедших курсовую подготовку, в том числе в формате методического абонемента", "доля педагогов, прошедших курсовую подготовку (в том числе методический абонемент)", Fem, Share, HigherBetter), &[Check::Target { min_percent: super::rules::TARGET_MOST, source: SRC_COURSES }, NEG]),
    checks(ind("support.partner", S3_3, None, "Доля педагогических работников, вовлеченных в мероприятия, проводимые совместно со школой-партнером (куратором, наставником и т.п.)", "доля педагогов, вовлечённых в мероприятия со школой-партнёром", Fem, Share, HigherBetter), &[Check::Target { min_percent: super::rules::TARGET_MOST, source: SRC_PARTNER }, NEG]),
    // --- 3.4 Ресурсные дефициты
    aliases(checks(ind("risk.programs", S3_4, None, "Количество разработанных антирисковых программ в отношении ресурсных дефицитов", "количество антирисковых программ", Neut, Count, HigherBetter), &[Check::RequirePositive]), &["Количество разработанных антирисковых программ в отношении ресурсных дефицитов с указанием наименования программ"]),
    checks(ind("risk.programs_names", S3_4, None, "Наименования антирисковых программ", "наименования антирисковых программ", Plural, Text, Neutral), &[]),
    checks(ind("risk.programs_matching", S3_4, None, "Доля разработанных антирисковых программ в отношении ресурсных дефицитов, соответствующих результатам анкетирования", "доля антирисковых программ, соответствующих результатам анкетирования", Fem, Share, HigherBetter), &[Check::Target { min_percent: super::rules::TARGET_MOST, source: SRC_RISK }, NEG]),
    aliases(checks(ind("risk.measures_done", S3_4, None, "Доля выполненных мероприятий по снижению факторов риска от числа спланированных", "доля выполненных мероприятий по снижению факторов риска", Fem, Share, HigherBetter), &[Check::Target { min_percent: super::rules::TARGET_MOST, source: SRC_RISK }, NEG]), &["Доля выполненных мероприятий по снижению факторов риска от числа спланированных, с перечислением устраненных факторов риска"]),
    checks(ind("risk.measures_list", S3_4, None, "Перечень устранённых факторов риска", "перечень устранённых факторов риска", Masc, Text, Neutral), &[]),
    aliases(ind("risk.deficits_removed", S3_4, None, "Доля устраненных ресурсных дефицитов от числа выявленных", "доля устранённых ресурсных дефицитов", Fem, Share, HigherBetter), &["Доля устраненных ресурсных дефицитов от числа выявленных, с перечислением устраненных ресурсных дефицитов"]),
    checks(ind("risk.deficits_list", S3_4, None, "Перечень устранённых ресурсных дефицитов", "перечень устранённых ресурсных дефицитов", Masc, Text, Neutral), &[]),
];

/// Looks an indicator up by its code (exact, as in the catalogue).
pub fn find(code: &str) -> Option<&'static Indicator> {
    INDICATORS.iter().find(|i| i.code == code)
}

/// Looks an indicator up by a code as a user may have typed it: case, spaces and a trailing
/// dot are forgiven.
pub fn find_loose(code: &str) -> Option<&'static Indicator> {
    let norm: String = code
        .trim()
        .trim_end_matches('.')
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    find(&norm)
}

/// The indicators of one section, in form order.
pub fn in_section(id: SectionId) -> impl Iterator<Item = &'static Indicator> {
    INDICATORS.iter().filter(move |i| i.section == id)
}

/// The procedures counted for identification by default (§1: the nine).
pub fn default_procedures() -> Vec<&'static str> {
    INDICATORS
        .iter()
        .filter(|i| i.identification_default)
        .map(|i| i.code)
        .collect()
}

/// The full label of an indicator: group heading and sub-row together when it has a group
/// («Отсев (в течение года): а) из основной школы»).
pub fn full_label(i: &Indicator) -> String {
    match i.group {
        Some(g) => format!("{g}: {}", i.label),
        None => i.label.to_string(),
    }
}

// The methodology's rules (constants, the five pairs, themes and their risk factors) live
// beside this table and are read through it.
pub use super::rules::{
    pair_ending_at as rules_pair_ending_at, pair_of, theme_of, Pair, PairId, Theme,
    CONTINGENT_FALL_PERCENT, PAIRS, THEMES,
};
