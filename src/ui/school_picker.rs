//! For a file with several schools: choose which school's report to show.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub names: Vec<AttrValue>,
    pub selected: usize,
    pub on_select: Callback<usize>,
}

#[function_component(SchoolPicker)]
pub fn school_picker(props: &Props) -> Html {
    let onchange = {
        let cb = props.on_select.clone();
        Callback::from(move |e: Event| {
            let v = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            if let Ok(i) = v.parse() {
                cb.emit(i);
            }
        })
    };
    html! {
        <div class="school-picker no-print">
            <label for="school">{ format!("Школа ({} в файле)", props.names.len()) }</label>
            <select id="school" {onchange}>
                { for props.names.iter().enumerate().map(|(i, n)| html! {
                    <option value={i.to_string()} selected={i == props.selected}>{ n.clone() }</option>
                }) }
            </select>
        </div>
    }
}
