//! Demo content templates and a few tickets.

use diesel::prelude::*;
use hcrm_shared::feedback::{TicketKind, TicketSeverity, TicketSource};

use super::model::NewTicket;
use crate::audit::Actor;
use crate::config::Config;
use crate::db::schema::{departments, feedback_templates, feedback_tickets, users};
use crate::db::DbConnection;
use crate::db_run;
use crate::error::ApiResult;

const TEMPLATES: &[(&str, TicketKind, &str, &str)] = &[
    ("C-ATTITUDE", TicketKind::Complaint, "服务态度", "患者反映{科室}工作人员服务态度生硬，具体经过：……"),
    ("C-WAIT", TicketKind::Complaint, "候诊时间过长", "患者于{日期}在{科室}候诊超过{时长}，未获解释。"),
    ("C-FEE", TicketKind::Complaint, "收费疑问", "患者对{日期}的费用清单有疑问：……"),
    ("P-THANKS", TicketKind::Praise, "表扬医护人员", "患者感谢{科室}{姓名}在住院期间的悉心照顾。"),
    ("S-PARKING", TicketKind::Suggestion, "停车难", "患者建议增加门诊停车位或设置指引。"),
];

/// Templates for every hospital; sample tickets only with `tickets` (the
/// first demo hospital), so the second starts with an empty job list.
pub fn load(conn: &mut DbConnection, config: &Config, hospital_id: i64, tickets: bool) -> ApiResult<()> {
    for (code, kind, topic, body) in TEMPLATES {
        db_run!(conn: {
            diesel::insert_into(feedback_templates::table)
                .values((
                    feedback_templates::hospital_id.eq(hospital_id),
                    feedback_templates::code.eq(code),
                    feedback_templates::kind.eq(kind),
                    feedback_templates::topic.eq(topic),
                    feedback_templates::body.eq(body),
                ))
                .on_conflict_do_nothing()
                .execute(conn)?;
        });
    }
    let existing: i64 = db_run!(conn: { feedback_tickets::table.filter(feedback_tickets::hospital_id.eq(hospital_id)).count().get_result(conn)? });
    if existing > 0 || !tickets {
        return Ok(());
    }
    let dept = |conn: &mut DbConnection, code: &str| -> ApiResult<Option<i64>> {
        db_run!(conn: {
            Ok(departments::table.filter(departments::hospital_id.eq(hospital_id)).filter(departments::code.eq(code)).select(departments::id).first(conn).optional()?)
        })
    };
    let card = dept(conn, "CARD")?;
    let reg = dept(conn, "REG")?;
    let nurse: Option<i64> = db_run!(conn: {
        users::table.filter(users::hospital_id.eq(hospital_id)).filter(users::role.eq(hcrm_shared::Role::Nurse)).select(users::id).first(conn).optional()?
    });
    let actor = Actor::system("demo", Some(hospital_id));
    let tickets = [
        NewTicket {
            kind: TicketKind::Complaint,
            source: TicketSource::Phone,
            severity: TicketSeverity::High,
            contact_name: "王先生".into(),
            contact_phone: Some("13905510001".into()),
            topic: "候诊时间过长".into(),
            content: "上午在心内科候诊两个多小时，无人解释。".into(),
            department_ids: card.into_iter().collect(),
            ..Default::default()
        },
        NewTicket {
            kind: TicketKind::Complaint,
            source: TicketSource::WebForm,
            anonymous: true,
            topic: "服务态度".into(),
            content: "挂号窗口工作人员态度生硬。".into(),
            department_ids: reg.into_iter().collect(),
            ..Default::default()
        },
        NewTicket {
            kind: TicketKind::Praise,
            source: TicketSource::Letter,
            contact_name: "李女士".into(),
            topic: "表扬医护人员".into(),
            content: "感谢心内科护士在住院期间的悉心照顾。".into(),
            staff_user_id: nurse,
            ..Default::default()
        },
        NewTicket {
            kind: TicketKind::Suggestion,
            source: TicketSource::WalkIn,
            contact_name: "赵先生".into(),
            topic: "停车难".into(),
            content: "建议增加门诊停车位。".into(),
            ..Default::default()
        },
    ];
    for t in &tickets {
        super::service::open(conn, config, hospital_id, &actor, t)?;
    }
    Ok(())
}
