//! A step indicator in the shape of the Digital Agency design system's (DADS) step navigation:
//! an ordered list whose current item carries `aria-current="step"`, with finished steps
//! marked as done in text as well as by colour.

use yew::prelude::*;

use crate::i18n::{Lang, Text};

/// Props of [`StepIndicator`].
#[derive(Properties, PartialEq)]
pub struct StepIndicatorProps {
    /// The steps' names, in order.
    pub steps: Vec<Text>,
    /// Index of the current step.
    pub current: usize,
}

/// The steps of a flow, the current one marked.
#[function_component(StepIndicator)]
pub fn step_indicator(props: &StepIndicatorProps) -> Html {
    let lang = use_context::<Lang>().unwrap_or_default();
    html! {
        <ol class="step-indicator" aria-label={ Text::StepsLabel.get(lang) }>
            { for props.steps.iter().enumerate().map(|(index, step)| {
                let state = match index.cmp(&props.current) {
                    std::cmp::Ordering::Less => "done",
                    std::cmp::Ordering::Equal => "current",
                    std::cmp::Ordering::Greater => "todo",
                };
                html! {
                    <li class={classes!("step", state)}
                        aria-current={ (index == props.current).then_some("step") }>
                        <span class="step-number" aria-hidden="true">{ index + 1 }</span>
                        <span class="step-name">{ step.view(lang) }</span>
                    </li>
                }
            }) }
        </ol>
    }
}
