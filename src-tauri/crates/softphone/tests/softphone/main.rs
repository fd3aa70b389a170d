//! Integration tests against real peers from Debian: sipp (package
//! sip-tester), baresip and Kamailio, plus the cpal path through a PulseAudio null sink
//! and the parser fuzzing. One test binary to keep link time down.
mod baresip;
mod calls;
mod common;
mod cpal_pulse;
mod kamailio;
mod killed;
mod listening;
mod media_check;
mod phones;
mod register;
mod robust;
mod scenarios;
