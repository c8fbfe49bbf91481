//! What only paper needs: the school's name and the page number on every printed page (CSS
//! page-margin boxes, written here because the name comes from the file), and the date and
//! signature lines at the end of the report.

use yew::prelude::*;

use crate::ui::edge::io;

/// `text` as a CSS string literal: everything but letters, digits and spaces is escaped
/// (`\22 ` for «"»), so a school named `"; } body { display:none` stays a name.
fn css_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        if c.is_alphanumeric() || c == ' ' {
            out.push(c);
        } else {
            out.push_str(&format!("\\{:x} ", c as u32));
        }
    }
    out.push('"');
    out
}

#[derive(Properties, PartialEq)]
pub struct RunningProps {
    /// The school's name (or «Школа без названия»).
    pub school: AttrValue,
    /// Date of calculation.
    pub date: AttrValue,
}

/// Running head and foot of every printed page: the school on the left, the date and «Стр. 2
/// из 5» below. The page's Content-Security-Policy allows no inline `<style>`, so the rule is
/// added to the app's own stylesheet through the CSSOM (`io::set_page_rule`); renders nothing.
#[function_component(PrintRunning)]
pub fn print_running(props: &RunningProps) -> Html {
    let head = css_string(&format!("ДТК · {}", props.school));
    let date = css_string(&format!("Дата расчёта {}", props.date));
    let rule = format!(
        "@page {{ \
           @top-left {{ content: {head}; font-size: 8pt; color: #444; }} \
           @bottom-left {{ content: {date}; font-size: 8pt; color: #444; }} \
           @bottom-right {{ content: \"Стр. \" counter(page) \" из \" counter(pages); font-size: 8pt; color: #444; }} \
         }}"
    );
    use_effect_with(rule, |rule| {
        io::set_page_rule(Some(rule));
        || io::set_page_rule(None)
    });
    html! {}
}

/// Date and signatures under the printed report.
#[function_component(Signatures)]
pub fn signatures() -> Html {
    html! {
        <section class="signatures print-only" aria-label="Подписи">
            <p>{ "Дата заполнения: «____» ______________ 20____ г." }</p>
            <p>{ "Руководитель ОО: ________________ / ______________________________ /" }</p>
            <p>{ "Ответственный за заполнение ДТК: ________________ / ______________________________ /" }</p>
            <p class="sign-hint">{ "подпись / расшифровка подписи" }</p>
        </section>
    }
}
