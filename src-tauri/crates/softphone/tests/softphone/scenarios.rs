//! sipp scenarios. UAC ones call the phone (service = its user), UAS ones
//! are called by it. `{…}` markers are filled in by the tests.
#![allow(dead_code)]

pub const SDP: &str = "v=0
o=user1 53655765 2353687637 IN IP[local_ip_type] [local_ip]
s=-
c=IN IP[media_ip_type] [media_ip]
t=0 0
m=audio [media_port] RTP/AVP 8 101
a=rtpmap:8 PCMA/8000
a=rtpmap:101 telephone-event/8000
a=fmtp:101 0-15
";

fn uac_head(method: &str, cseq: u32, uri: &str, to_tag: bool) -> String {
    format!(
        "{method} {uri} SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: \"Li Si\" <sip:13800138000@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
To: <sip:[service]@[remote_ip]:[remote_port]>{}
Call-ID: [call_id]
CSeq: {cseq} {}
Contact: <sip:13800138000@[local_ip]:[local_port]>
Max-Forwards: 70
",
        if to_tag { "[peer_tag_param]" } else { "" },
        if method == "ACK" { "ACK" } else { method }
    )
}

pub fn uac_invite() -> String {
    format!("<send retrans=\"500\"><![CDATA[\n{}Content-Type: application/sdp\nContent-Length: [len]\n\n{SDP}]]></send>\n<recv response=\"100\" optional=\"true\"/>\n<recv response=\"180\" optional=\"true\"/>\n<recv response=\"200\" rrs=\"true\"/>\n<send><![CDATA[\n{}Content-Length: 0\n\n]]></send>\n", uac_head("INVITE", 1, "sip:[service]@[remote_ip]:[remote_port]", false), uac_head("ACK", 1, "[next_url]", true))
}

pub fn uac_reinvite(cseq: u32, direction: &str, expect: &str) -> String {
    let sdp = format!("{SDP}a={direction}\n");
    format!(
        "<send retrans=\"500\"><![CDATA[\n{}Content-Type: application/sdp\nContent-Length: [len]\n\n{sdp}]]></send>\n<recv response=\"100\" optional=\"true\"/>\n<recv response=\"200\"><action><ereg regexp=\"a={expect}\" search_in=\"body\" check_it=\"true\" assign_to=\"d{cseq}\"/><log message=\"answer [$d{cseq}]\"/></action></recv>\n<send><![CDATA[\n{}Content-Length: 0\n\n]]></send>\n",
        uac_head("INVITE", cseq, "[next_url]", true),
        uac_head("ACK", cseq, "[next_url]", true)
    )
}

pub fn uac_bye(cseq: u32) -> String {
    format!(
        "<send retrans=\"500\"><![CDATA[\n{}Content-Length: 0\n\n]]></send>\n<recv response=\"200\" crlf=\"true\"/>\n",
        uac_head("BYE", cseq, "[next_url]", true)
    )
}

pub fn play(pcap: &str, then_ms: u32) -> String {
    format!("<nop><action><exec play_pcap_audio=\"{pcap}\"/></action></nop>\n<pause milliseconds=\"{then_ms}\"/>\n")
}

pub fn scenario(body: &str) -> String {
    format!("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<scenario name=\"hcrm\">\n{body}</scenario>\n")
}

const UAS_HDRS: &str = "[last_Via:]
[last_From:]
[last_To:];tag=[pid]SIPpTag01[call_number]
[last_Call-ID:]
[last_CSeq:]
Contact: <sip:sipp@[local_ip]:[local_port];transport=[transport]>
";

const UAS_DIALOG_HDRS: &str = "[last_Via:]
[last_From:]
[last_To:]
[last_Call-ID:]
[last_CSeq:]
Contact: <sip:sipp@[local_ip]:[local_port];transport=[transport]>
";

pub fn uas_response(code: &str, sdp: Option<&str>, in_dialog: bool) -> String {
    let h = if in_dialog { UAS_DIALOG_HDRS } else { UAS_HDRS };
    match sdp {
        // Only final responses are retransmitted (sipp would otherwise stall on a 183).
        Some(dir) => format!("<send{}><![CDATA[\nSIP/2.0 {code}\n{h}Content-Type: application/sdp\nContent-Length: [len]\n\n{SDP}{dir}]]></send>\n", if code.starts_with('1') { "" } else { " retrans=\"500\"" }),
        None => format!("<send><![CDATA[\nSIP/2.0 {code}\n{h}Content-Length: 0\n\n]]></send>\n"),
    }
}

/// INVITE in (its From tag kept in $ftag), 180, 200 with SDP, ACK.
pub fn uas_answer() -> String {
    format!(
        "<recv request=\"INVITE\"><action><ereg regexp=\"tag=([^;> ]*)\" search_in=\"hdr\" header=\"From:\" assign_to=\"junk,ftag\"/><log message=\"[$junk] [$ftag]\"/></action></recv>\n{}{}<recv request=\"ACK\" crlf=\"true\"/>\n",
        uas_response("180 Ringing", None, false),
        uas_response("200 OK", Some(""), false)
    )
}

pub fn uas_bye() -> String {
    format!("<recv request=\"BYE\"/>\n{}", uas_response("200 OK", None, true))
}

/// A re-INVITE must carry `offered`; we answer with `answer`.
pub fn uas_reinvite(n: u32, offered: &str, answer: &str) -> String {
    format!(
        "<recv request=\"INVITE\"><action><ereg regexp=\"a={offered}\" search_in=\"body\" check_it=\"true\" assign_to=\"r{n}\"/><log message=\"offer [$r{n}]\"/></action></recv>\n{}<recv request=\"ACK\" crlf=\"true\"/>\n",
        uas_response("200 OK", Some(&format!("a={answer}\n")), true)
    )
}

/// REFER to `target` → 202, then NOTIFY with a 200 sipfrag.
pub fn uas_refer(target: &str) -> String {
    format!(
        "<recv request=\"REFER\"><action><ereg regexp=\"sip:{target}@\" search_in=\"hdr\" header=\"Refer-To:\" check_it=\"true\" assign_to=\"rt\"/><log message=\"refer [$rt]\"/></action></recv>\n{}<send retrans=\"500\"><![CDATA[
NOTIFY sip:1001@[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: <sip:sipp@[local_ip]:[local_port]>;tag=[pid]SIPpTag01[call_number]
To: <sip:1001@hcrm.test>;tag=[$ftag]
Call-ID: [call_id]
CSeq: 1 NOTIFY
Contact: <sip:sipp@[local_ip]:[local_port]>
Max-Forwards: 70
Event: refer
Subscription-State: terminated;reason=noresource
Content-Type: message/sipfrag;version=2.0
Content-Length: [len]

SIP/2.0 200 OK
]]></send>
<recv response=\"200\"/>
",
        uas_response("202 Accepted", None, true)
    )
}
