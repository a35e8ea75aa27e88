//! `loa users`: the newsroom's members, managed from the machine itself
//! (there is no sign-up page: an editor with shell access adds people).

use anyhow::{bail, Context as _};
use loa_domain::Role;
use loa_web::auth::hash_password;
use std::io::BufRead;

use crate::cli::UsersCommand;
use crate::services::Services;

/// The shortest password accepted.
use loa_web::auth::MIN_PASSWORD_CHARS;

fn role(name: &str) -> anyhow::Result<Role> {
    Role::parse(name).with_context(|| format!("unknown role {name:?}: use editor, translator or moderator"))
}

/// The first line of standard input, checked.
fn read_password() -> anyhow::Result<String> {
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).context("reading the password from standard input")?;
    let password = line.trim_end_matches(['\n', '\r']).to_string();
    if password.chars().count() < MIN_PASSWORD_CHARS {
        bail!("the password must have at least {MIN_PASSWORD_CHARS} characters (read from standard input)");
    }
    Ok(password)
}

pub async fn users(services: &Services, command: UsersCommand) -> anyhow::Result<()> {
    let store = &services.store;
    match command {
        UsersCommand::Add { username, role: r, name } => {
            let role = role(&r)?;
            let username = username.trim();
            // ASCII only, so that names compare without regard to case the
            // same way everywhere, and look-alike letters cannot pose as
            // another member.
            if username.is_empty() || !username.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')) {
                bail!("a username is made of ASCII letters, digits, '.', '_' and '-'");
            }
            let password = read_password()?;
            let user = store.create_user(username, name.as_deref().unwrap_or(username), role, &hash_password(&password)).await?;
            println!("added {} ({}) as {}", user.username, user.display_name, user.role.as_str());
        }
        UsersCommand::List { json } => {
            let users = store.users().await?;
            if json {
                println!("{}", serde_json::to_string_pretty(&users)?);
            } else if users.is_empty() {
                println!("no newsroom members yet: add one with `loa users add NAME --role editor`");
            } else {
                for u in users {
                    let standing = if u.disabled { " (disabled)" } else { "" };
                    println!("{} — {} — {}{standing}", u.username, u.display_name, u.role.as_str());
                }
            }
        }
        UsersCommand::Set { username, role: r, password, disable, enable } => {
            let role = r.as_deref().map(role).transpose()?;
            let hash = if password { Some(hash_password(&read_password()?)) } else { None };
            let disabled = if disable {
                Some(true)
            } else if enable {
                Some(false)
            } else {
                None
            };
            if role.is_none() && hash.is_none() && disabled.is_none() {
                bail!("nothing to change: give --role, --password, --disable or --enable");
            }
            let user = store.update_user(&username, hash.as_deref(), role, disabled).await?;
            let standing = if user.disabled { "disabled" } else { "active" };
            println!("{}: {}, {standing}", user.username, user.role.as_str());
        }
    }
    Ok(())
}
