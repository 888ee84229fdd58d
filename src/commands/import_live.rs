//! `netctl import live` (or `import --live`): print a topology file read from the daemon.

use super::daemon::{connect, runtime};
use super::{Error, Outcome, print};
use crate::cli::ImportLiveArgs;
use crate::import_live::import;
use crate::live::{AliasScope, observe};

pub fn run(args: &ImportLiveArgs) -> Result<Outcome, Error> {
    let observed = runtime()?.block_on(async {
        let docker = connect(&args.daemon).await?;
        let scope = AliasScope {
            all: true,
            ..AliasScope::default()
        };
        Ok::<_, Error>(observe(&docker, &scope).await?)
    })?;
    print(&import(&observed, args.project.as_deref()).to_yaml())
}
