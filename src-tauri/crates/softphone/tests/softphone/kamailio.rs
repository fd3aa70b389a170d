//! Kamailio (Debian's `kamailio`) as the hospital PBX's registrar and
//! proxy: digest-authenticated REGISTER (a wrong password is refused),
//! then one registered phone calls another by extension through the proxy
//! (location lookup, Record-Route, in-dialog BYE by loose routing).
use crate::common::*;
use hcrm_softphone::PhoneEvent;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// Passwords are "secret-<extension>"; `pv_auth_check` needs no database.
const CONFIG: &str = r#"#!KAMAILIO
debug=2
log_stderror=yes
children=2
tcp_children=1
auto_aliases=no
listen=udp:127.0.0.1:PORT
mpath="/usr/lib/x86_64-linux-gnu/kamailio/modules/"
loadmodule "tm.so"
loadmodule "sl.so"
loadmodule "rr.so"
loadmodule "pv.so"
loadmodule "maxfwd.so"
loadmodule "usrloc.so"
loadmodule "registrar.so"
loadmodule "textops.so"
loadmodule "siputils.so"
loadmodule "auth.so"
modparam("usrloc", "db_mode", 0)

request_route {
    if (!mf_process_maxfwd_header("10")) { sl_send_reply("483", "Too Many Hops"); exit; }
    if (has_totag()) {
        if (loose_route()) { t_relay(); exit; }
        if (is_method("ACK")) { if (t_check_trans()) { t_relay(); } exit; }
        sl_send_reply("404", "Not here");
        exit;
    }
    if (is_method("CANCEL")) { if (t_check_trans()) { t_relay(); } exit; }
    t_check_trans();
    if (is_method("REGISTER")) {
        $var(pw) = "secret-" + $fU;
        if (!pv_auth_check("$fd", "$var(pw)", "0", "1")) { auth_challenge("$fd", "1"); exit; }
        if (!save("location")) { sl_reply_error(); }
        exit;
    }
    if (is_method("INVITE")) { record_route(); }
    if (!lookup("location")) { sl_send_reply("404", "Not Found"); exit; }
    t_relay();
}
"#;

struct Kamailio {
    child: Child,
    port: u16,
    dir: std::path::PathBuf,
}

impl Kamailio {
    fn start() -> Kamailio {
        let dir = tmpdir("kamailio");
        let port = free_port();
        let cfg = dir.join("kamailio.cfg");
        std::fs::write(&cfg, CONFIG.replace("PORT", &port.to_string())).unwrap();
        let log = std::fs::File::create(dir.join("kamailio.log")).unwrap();
        let child = Command::new("kamailio")
            .args(["-f", cfg.to_str().unwrap(), "-DD", "-E", "-Y", dir.to_str().unwrap()])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("kamailio is installed (package kamailio)");
        // Ready once it answers an OPTIONS... or simply listens: give it a moment.
        std::thread::sleep(Duration::from_millis(1500));
        Kamailio { child, port, dir }
    }

    fn addr(&self) -> std::net::SocketAddr {
        format!("127.0.0.1:{}", self.port).parse().unwrap()
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.dir.join("kamailio.log")).unwrap_or_default()
    }
}

impl Drop for Kamailio {
    fn drop(&mut self) {
        // SIGTERM, so the main process takes its children down with it.
        let _ = Command::new("kill").arg(self.child.id().to_string()).status();
        let _ = self.child.wait();
    }
}

fn account(user: &str, password: &str, kam: &Kamailio, rtp_offset: u16) -> hcrm_softphone::PhoneConfig {
    let mut c = config(user, password);
    c.domain = "127.0.0.1".into();
    c.proxy = Some(kam.addr());
    c.rtp_ports = (c.rtp_ports.0 + rtp_offset, c.rtp_ports.1);
    c
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn phones_register_with_kamailio_and_call_each_other_through_it() {
    let kam = Kamailio::start();
    let registered =
        |e: &PhoneEvent| matches!(e, PhoneEvent::Registered { .. } | PhoneEvent::RegistrationFailed { .. });

    let (bad, mut bad_ev) = null_phone(account("1003", "wrong", &kam, 0)).await;
    bad.register().await.unwrap();
    let e = wait_for(&mut bad_ev, 10, registered).await;
    assert!(
        matches!(e, PhoneEvent::RegistrationFailed { code: 401 | 403, .. }),
        "a wrong password is refused: {e:?}\n{}",
        kam.log()
    );

    let (a, mut aev) = null_phone(account("1001", "secret-1001", &kam, 1000)).await;
    let (b, mut bev) = null_phone(account("1002", "secret-1002", &kam, 2000)).await;
    a.register().await.unwrap();
    b.register().await.unwrap();
    assert!(matches!(wait_for(&mut aev, 10, registered).await, PhoneEvent::Registered { .. }), "{}", kam.log());
    assert!(matches!(wait_for(&mut bev, 10, registered).await, PhoneEvent::Registered { .. }), "{}", kam.log());

    // 1001 dials extension 1002: Kamailio finds it in its location table.
    let call = a.dial("1002").await.unwrap();
    let PhoneEvent::IncomingCall { call: incoming, from_number, .. } =
        wait_for(&mut bev, 10, |e| matches!(e, PhoneEvent::IncomingCall { .. })).await
    else {
        unreachable!()
    };
    assert_eq!(from_number, "1001");
    wait_for(&mut aev, 10, |e| matches!(e, PhoneEvent::Ringing { .. })).await;
    b.answer(&incoming).await.unwrap();
    wait_for(&mut aev, 10, |e| matches!(e, PhoneEvent::Answered { .. })).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    // The BYE follows the recorded route back through the proxy.
    a.hangup(&call).await.unwrap();
    let e = wait_for(&mut bev, 10, |e| matches!(e, PhoneEvent::Ended { .. })).await;
    assert!(matches!(&e, PhoneEvent::Ended { call, .. } if *call == incoming), "{e:?}");
    let log = kam.log();
    assert!(!log.contains("ERROR"), "kamailio reported errors:\n{log}");
}
