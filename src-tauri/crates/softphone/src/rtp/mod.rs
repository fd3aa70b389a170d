//! RTP media transport: packets, RTCP reports and per-source statistics.
pub mod packet;
pub mod rtcp;
pub mod session;
pub use packet::{looks_like_rtcp, RtpPacket};
pub use rtcp::{ReportBlock, RtcpPacket};
pub use session::{ReceiveStats, SendStats};
