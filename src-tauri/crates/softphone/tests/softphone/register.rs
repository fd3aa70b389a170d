//! REGISTER against sipp as a registrar that challenges with 401 (qop=auth)
//! and checks the credentials with `verifyauth`.
use crate::common::*;
use hcrm_softphone::PhoneEvent;
use std::time::Duration;

/// Two rounds (first registration, then the refresh before expiry), each a
/// 401 challenge and a verified REGISTER. A wrong password gets a 403.
fn registrar(rounds: usize, expires: u32) -> String {
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<scenario name=\"hcrm registrar\">\n");
    for r in 0..rounds {
        s.push_str(&format!(
            r#"
  <recv request="REGISTER"/>
  <send><![CDATA[
SIP/2.0 401 Unauthorized
[last_Via:]
[last_From:]
[last_To:];tag=reg{r}
[last_Call-ID:]
[last_CSeq:]
WWW-Authenticate: Digest realm="hcrm.test", nonce="n{r}c0ffee", qop="auth", algorithm=MD5
Content-Length: 0

]]></send>
  <recv request="REGISTER">
    <action>
      <verifyauth assign_to="ok{r}" username="1001" password="s3cret"/>
    </action>
  </recv>
  <nop hide="true" test="ok{r}" next="good{r}"/>
  <send next="end"><![CDATA[
SIP/2.0 403 Forbidden
[last_Via:]
[last_From:]
[last_To:];tag=reg{r}
[last_Call-ID:]
[last_CSeq:]
Content-Length: 0

]]></send>
  <label id="good{r}"/>
  <send><![CDATA[
SIP/2.0 200 OK
[last_Via:]
[last_From:]
[last_To:];tag=reg{r}
[last_Call-ID:]
[last_CSeq:]
[last_Contact:];expires={expires}
Content-Length: 0

]]></send>
"#
        ));
    }
    s.push_str("  <label id=\"end\"/>\n</scenario>\n");
    s
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registers_with_digest_and_refreshes_before_expiry() {
    let mut sipp = Sipp::start("reg", &registrar(2, 3), &[]);
    let mut cfg = config("1001", "s3cret");
    cfg.proxy = Some(sipp.addr());
    let (phone, mut ev) = null_phone(cfg).await;
    phone.register().await.unwrap();
    let e =
        wait_for(&mut ev, 10, |e| matches!(e, PhoneEvent::Registered { .. } | PhoneEvent::RegistrationFailed { .. }))
            .await;
    assert_eq!(e, PhoneEvent::Registered { expires: 3 });
    // The phone refreshes by itself (scheduled before expiry, see
    // ua::refresh_delay), challenged and verified again.
    let e =
        wait_for(&mut ev, 10, |e| matches!(e, PhoneEvent::Registered { .. } | PhoneEvent::RegistrationFailed { .. }))
            .await;
    assert_eq!(e, PhoneEvent::Registered { expires: 3 });
    tokio::task::spawn_blocking(move || sipp.wait_success(Duration::from_secs(10))).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_password_is_refused_by_the_registrar() {
    let _sipp = Sipp::start("regbad", &registrar(1, 60), &[]);
    let mut cfg = config("1001", "wrong");
    cfg.proxy = Some(_sipp.addr());
    let (phone, mut ev) = null_phone(cfg).await;
    phone.register().await.unwrap();
    let e =
        wait_for(&mut ev, 10, |e| matches!(e, PhoneEvent::Registered { .. } | PhoneEvent::RegistrationFailed { .. }))
            .await;
    assert!(matches!(e, PhoneEvent::RegistrationFailed { code: 403, .. }), "{e:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registers_and_calls_over_tcp() {
    use crate::scenarios::*;
    let mut reg = Sipp::start("tcpreg", &registrar(1, 60), &["-t", "t1"]);
    let mut cfg = config("1001", "s3cret");
    cfg.transport = hcrm_softphone::sip::Proto::Tcp;
    cfg.proxy = Some(reg.addr());
    let (phone, mut ev) = null_phone(cfg).await;
    phone.register().await.unwrap();
    let e =
        wait_for(&mut ev, 10, |e| matches!(e, PhoneEvent::Registered { .. } | PhoneEvent::RegistrationFailed { .. }))
            .await;
    assert_eq!(e, PhoneEvent::Registered { expires: 60 });
    tokio::task::spawn_blocking(move || reg.wait_success(Duration::from_secs(10))).await.unwrap();

    let mut uas = Sipp::start(
        "tcpcall",
        &scenario(&format!("{}{}", uas_answer(), uas_bye())),
        &["-t", "t1", "-mp", &free_port().to_string()],
    );
    let mut cfg = config("1001", "s3cret");
    cfg.transport = hcrm_softphone::sip::Proto::Tcp;
    cfg.proxy = Some(uas.addr());
    let (phone, mut ev) = null_phone(cfg).await;
    let call = phone.dial("2000").await.unwrap();
    wait_for(&mut ev, 10, |e| matches!(e, PhoneEvent::Answered { .. })).await;
    phone.hangup(&call).await.unwrap();
    wait_for(&mut ev, 10, |e| matches!(e, PhoneEvent::Ended { .. })).await;
    tokio::task::spawn_blocking(move || uas.wait_success(Duration::from_secs(10))).await.unwrap();
}

/// Behind NAT the registrar reports where our packets really came from
/// (Via received/rport); the phone re-registers with that address as Contact.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rport_and_received_from_the_registrar_fix_the_contact() {
    let sc = r#"<?xml version="1.0" encoding="ISO-8859-1"?>
<scenario name="nat">
  <recv request="REGISTER"><action><ereg regexp="(.*);rport" search_in="hdr" header="Via:" assign_to="j,vv"/><log message="[$j] [$vv]"/></action></recv>
  <send><![CDATA[
SIP/2.0 200 OK
Via: [$vv];received=10.20.30.40;rport=40000
[last_From:]
[last_To:];tag=nat1
[last_Call-ID:]
[last_CSeq:]
[last_Contact:];expires=60
Content-Length: 0

]]></send>
  <recv request="REGISTER"><action><ereg regexp="sip:1001@10.20.30.40:40000" search_in="hdr" header="Contact:" check_it="true" assign_to="c"/><log message="[$c]"/></action></recv>
  <send><![CDATA[
SIP/2.0 200 OK
[last_Via:]
[last_From:]
[last_To:];tag=nat1
[last_Call-ID:]
[last_CSeq:]
[last_Contact:];expires=60
Content-Length: 0

]]></send>
</scenario>
"#;
    let mut sipp = Sipp::start("nat", sc, &[]);
    let mut cfg = config("1001", "s3cret");
    cfg.proxy = Some(sipp.addr());
    let (phone, mut ev) = null_phone(cfg).await;
    phone.register().await.unwrap();
    let e =
        wait_for(&mut ev, 10, |e| matches!(e, PhoneEvent::Registered { .. } | PhoneEvent::RegistrationFailed { .. }))
            .await;
    assert_eq!(e, PhoneEvent::Registered { expires: 60 });
    tokio::task::spawn_blocking(move || sipp.wait_success(Duration::from_secs(10))).await.unwrap();
}
