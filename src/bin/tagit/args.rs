//! The option walking shared by the subcommands: `--flag`, `--flag value`, `-h`/`--help`.
//!
//! Hand-written rather than a dependency: the CLI has a dozen flags and the same few
//! error messages ("--out needs a value", "--epochs: invalid digit found in string",
//! "unknown option \"--x\"" followed by the usage), which every subcommand should word
//! alike.

use std::fmt::Display;
use std::path::Path;
use std::str::FromStr;

/// Checks that `dir` looks like the shared data folder before any work starts, so a wrong
/// `--data` fails with one clear line instead of after a half-printed table.
pub fn data_folder(dir: &Path) -> Result<(), String> {
    if dir.join("nemo").is_dir() {
        Ok(())
    } else {
        Err(format!(
            "{}: not the shared data folder (no nemo/ inside); give it with --data DIR",
            dir.display()
        ))
    }
}

/// The model in file `path` (one `tagit train` wrote), loaded for the rest of the process
/// (`--model FILE` of `annotate` and `eval`).
pub fn model_file(path: &Path) -> Result<&'static tagit::model::EntityModel, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let model = tagit::model::EntityModel::from_bytes(Box::leak(bytes.into_boxed_slice()))
        .map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(Box::leak(Box::new(model)))
}

/// A subcommand's arguments, walked one option at a time:
///
/// ```text
/// let mut args = Args::new(args, HELP);
/// while let Some(flag) = args.next_flag() {
///     match flag {
///         "--out" => out = args.value()?.into(),
///         "--epochs" => epochs = args.parse()?,
///         other => return args.help_or_unknown(other),
///     }
/// }
/// ```
pub struct Args<'a> {
    rest: std::slice::Iter<'a, String>,
    /// The option last returned by `next_flag`, named in error messages.
    flag: &'a str,
    help: &'static str,
}

impl<'a> Args<'a> {
    /// Walks `args` (the words after the subcommand); `help` is its usage text.
    pub fn new(args: &'a [String], help: &'static str) -> Self {
        Args {
            rest: args.iter(),
            flag: "",
            help,
        }
    }

    /// The next option, or `None` when all have been read.
    pub fn next_flag(&mut self) -> Option<&'a str> {
        self.flag = self.rest.next()?.as_str();
        Some(self.flag)
    }

    /// The word after the current option (`--out FILE`).
    pub fn value(&mut self) -> Result<String, String> {
        self.rest
            .next()
            .cloned()
            .ok_or_else(|| format!("{} needs a value", self.flag))
    }

    /// The word after the current option unless it is another option or there is none
    /// (`--dates [FILE]`).
    pub fn optional_value(&mut self) -> Option<String> {
        let next = self.rest.clone().next()?;
        if next.starts_with("--") {
            return None;
        }
        self.rest.next().cloned()
    }

    /// The word after the current option, parsed; the error names the option.
    pub fn parse<T: FromStr>(&mut self) -> Result<T, String>
    where
        T::Err: Display,
    {
        self.value()?
            .parse()
            .map_err(|e| format!("{}: {e}", self.flag))
    }

    /// The end of a subcommand's `match` on its options: `-h`/`--help` print the usage and
    /// end the run successfully (`Ok`, returned from `run`); anything else is an error that
    /// repeats the usage.
    pub fn help_or_unknown(&self, flag: &str) -> Result<(), String> {
        match flag {
            "-h" | "--help" => {
                println!("{}", self.help);
                Ok(())
            }
            other => Err(format!("unknown option {other:?}\n\n{}", self.help)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HELP: &str = "usage: test";

    fn words(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    /// What `walk` read: `--n`, `--name`, `--on` (`"help"` as the name when help was shown).
    type Read = (u32, String, bool);

    /// Reads `--n N`, `--name S` and `--on` the way a subcommand does.
    fn walk(line: &str) -> Result<Read, String> {
        let argv = words(line);
        let mut args = Args::new(&argv, HELP);
        let (mut n, mut name, mut on) = (0, String::new(), false);
        while let Some(flag) = args.next_flag() {
            match flag {
                "--n" => n = args.parse()?,
                "--name" => name = args.value()?,
                "--on" => on = true,
                other => {
                    args.help_or_unknown(other)?;
                    return Ok((0, "help".into(), false));
                }
            }
        }
        Ok((n, name, on))
    }

    /// (case, command line, what is read or the error message).
    type Case = (
        &'static str,
        &'static str,
        Result<(u32, &'static str, bool), &'static str>,
    );

    #[test]
    fn cases() {
        let cases: &[Case] = &[
            ("nothing", "", Ok((0, "", false))),
            ("all three", "--n 7 --name x --on", Ok((7, "x", true))),
            ("help", "--n 7 --help", Ok((0, "help", false))),
            ("short help", "-h", Ok((0, "help", false))),
            ("missing value", "--on --name", Err("--name needs a value")),
            (
                "bad number",
                "--n x",
                Err("--n: invalid digit found in string"),
            ),
            (
                "unknown",
                "--off",
                Err("unknown option \"--off\"\n\nusage: test"),
            ),
        ];
        for (name, line, want) in cases {
            let got = walk(line);
            let want = want.map(|(n, s, on)| (n, s.to_string(), on));
            assert_eq!(got, want.map_err(String::from), "{name}");
        }
    }
}
