//! Demo articles (published) and lookup data.

use diesel::prelude::*;

use super::service::{articles, lookup};
use crate::audit::Actor;
use crate::db::schema::kb_articles;
use crate::db::DbConnection;
use crate::db_run;
use crate::error::ApiResult;
use crate::knowledge::model::{ArticleInput, LookupItem, ReviewRequest};

const ARTICLES: &[(&str, &str, &str, &str)] = &[
    (
        "门诊服务",
        "门诊时间",
        "门诊,挂号",
        "门诊时间：周一至周五 8:00-12:00，14:00-17:30；周六上午专家门诊。急诊24小时开放。门诊楼位于院区东侧1号楼，挂号收费处在1号楼一楼大厅。",
    ),
    (
        "医保政策",
        "医保报销",
        "医保,报销,异地就医",
        "职工医保住院报销比例约85%，起付线800元。异地就医需先办理备案，出院时直接结算。门诊慢特病需在医保窗口（2号楼一楼）办理认定。",
    ),
    (
        "体检中心",
        "体检须知",
        "体检,空腹",
        "体检前一天晚上8点后禁食，次日清晨空腹抽血。体检中心位于3号楼2楼，周一至周六7:30-11:30。女性经期不宜做尿检和妇科检查。",
    ),
    ("检查检验", "CT检查注意事项", "CT,增强,检查", "CT平扫无需空腹；增强CT检查前需禁食4小时，携带既往检查资料。影像科在2号楼负一楼，普通CT报告次日出具。"),
    ("住院服务", "住院探视时间", "住院,探视", "普通病房探视时间为每天15:00-19:00，ICU探视为每天16:00-16:30，每次限1人。"),
];

const ITEMS: &[(&str, &str, &str, &str, &str, &str, &str)] = &[
    // kind, name, department, phone, location, price, info
    ("drug", "阿司匹林肠溶片", "", "", "门诊药房", "15.80元/盒", "抗血小板，预防心脑血管事件；饭前服用"),
    ("drug", "二甲双胍缓释片", "", "", "门诊药房", "28.50元/盒", "2型糖尿病一线降糖药，随餐服用"),
    ("drug", "阿莫西林胶囊", "", "", "门诊药房", "12.00元/盒", "抗感染，青霉素过敏者禁用"),
    ("directory", "心血管内科护士站", "心血管内科", "0551-62880101", "5号楼8楼", "", ""),
    ("directory", "骨科护士站", "骨科", "0551-62880202", "5号楼10楼", "", ""),
    ("directory", "门诊挂号收费处", "门诊挂号收费处", "0551-62880001", "1号楼1楼", "", ""),
    ("directory", "医保办公室", "医务科", "0551-62880066", "2号楼1楼", "", ""),
    ("clinic", "糖尿病专病门诊", "内分泌科", "", "1号楼3楼", "", "糖尿病规范化管理、胰岛素泵"),
    ("clinic", "房颤专病门诊", "心血管内科", "", "1号楼4楼", "", "房颤射频消融术前评估"),
    ("lab", "血常规", "检验科", "", "1号楼2楼采血处", "20元", "无需空腹"),
    ("lab", "空腹血糖", "检验科", "", "1号楼2楼采血处", "8元", "需空腹8小时"),
    ("exam", "胃镜", "消化内科", "", "3号楼1楼内镜中心", "380元", "检查前禁食8小时，禁水2小时"),
    ("exam", "心脏彩超", "超声科", "", "2号楼3楼", "260元", "无需特殊准备"),
    ("staff", "张建国（心内科主任）", "心血管内科", "13905510101", "", "", ""),
    ("staff", "李海燕（护理部主任）", "护理部", "13905510202", "", "", ""),
];

pub fn load(conn: &mut DbConnection, hospital_id: i64) -> ApiResult<()> {
    let existing: i64 = db_run!(conn: { kb_articles::table.filter(kb_articles::hospital_id.eq(hospital_id)).count().get_result(conn)? });
    if existing > 0 {
        return Ok(());
    }
    let actor = Actor::system("demo", Some(hospital_id));
    for (category, title, tags, body) in ARTICLES {
        let a = ArticleInput {
            category: category.to_string(),
            title: title.to_string(),
            tags: tags.split(',').map(String::from).collect(),
            body: body.to_string(),
            source_call_uuid: None,
        };
        let d = articles::create(conn, hospital_id, &actor, &a)?;
        articles::submit(conn, hospital_id, &actor, d.article.id)?;
        articles::review(
            conn,
            hospital_id,
            &actor,
            d.article.id,
            &ReviewRequest { approve: true, note: String::new() },
        )?;
    }
    for (kind, name, department, phone, location, price, info) in ITEMS {
        let item = LookupItem {
            id: 0,
            hospital_id,
            kind: kind.parse().expect("the demo's lookup kinds are known"),
            name: name.to_string(),
            name_initials: String::new(),
            department: department.to_string(),
            phone: phone.to_string(),
            location: location.to_string(),
            price: price.to_string(),
            info: info.to_string(),
            turnaround: if matches!(*kind, "lab" | "exam") { "当天出结果".into() } else { String::new() },
            schedule: if *kind == "clinic" { "周二、周四上午".into() } else { String::new() },
        };
        lookup::upsert_item(conn, hospital_id, &actor, &item)?;
    }
    Ok(())
}
