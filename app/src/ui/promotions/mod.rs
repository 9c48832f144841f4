//! Promotion rounds for HR managers: the rounds of the area with the form to open one
//! (`/promotions`), one round with each candidate's evidence, score and decision, 公示, the
//! objections and the closing with an effective date (`/promotions/:id`); and the public 公示
//! with its objection form (`/promotion-notices`).

mod forms;
mod labels;
mod list;
mod notices;
mod round;

pub use list::PromotionsPage;
pub use notices::PromotionNoticesPage;
pub use round::PromotionRoundPage;
