//! The fake daemon's event feed: every stream opened by `Networks::events` hears what
//! happens after it was first read, until the daemon ends the feed.

use crate::live::{DaemonError, DaemonEvent};
use futures_util::{Stream, StreamExt};
use tokio::sync::broadcast::{self, error::RecvError};

/// Events buffered per stream before a slow reader skips some (as a lagging client would).
const BACKLOG: usize = 4096;

#[derive(Debug, Clone)]
enum Item {
    Event(DaemonEvent),
    End,
}

/// The sending side, held by the daemon.
pub struct Feed {
    sender: broadcast::Sender<Item>,
}

impl Feed {
    pub fn new() -> Feed {
        Feed {
            sender: broadcast::channel(BACKLOG).0,
        }
    }

    /// Nobody listening is fine: events are not stored for later streams. Only the events
    /// the adapter asks the Engine for are sent, as its filter would.
    pub fn send(&self, event: DaemonEvent) {
        if event.is_watched() {
            let _ = self.sender.send(Item::Event(event));
        }
    }

    pub fn send_all(&self, events: Vec<DaemonEvent>) {
        for event in events {
            self.send(event);
        }
    }

    pub fn end(&self) {
        let _ = self.sender.send(Item::End);
    }

    /// A stream of what happens once it is first read: like the adapter's, it subscribes
    /// when first polled, not when made.
    pub fn subscribe(&self) -> impl Stream<Item = Result<DaemonEvent, DaemonError>> + use<> {
        let sender = self.sender.clone();
        futures_util::stream::once(async move { sender.subscribe() }).flat_map(|receiver| {
            futures_util::stream::unfold(receiver, |mut receiver| async move {
                loop {
                    match receiver.recv().await {
                        Ok(Item::Event(event)) => return Some((Ok(event), receiver)),
                        Ok(Item::End) | Err(RecvError::Closed) => return None,
                        Err(RecvError::Lagged(_)) => continue,
                    }
                }
            })
        })
    }
}
