//! `text_enum!`: enums stored and shown as their Chinese label (the same text in the database,
//! in Excel cells and in the UI), with `label()`, `parse()` and `ALL`.

#[macro_export]
macro_rules! text_enum {
    ($(#[$meta:meta])* $vis:vis enum $name:ident { $($variant:ident = $label:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, ts_rs::TS)]
        #[ts(export)]
        $vis enum $name {
            $(#[serde(rename = $label)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            /// Parses the Chinese label (surrounding spaces ignored).
            pub fn parse(text: &str) -> Option<$name> {
                match text.trim() { $($label => Some($name::$variant),)+ _ => None }
            }

            /// "甲 / 乙 / 丙" — for error messages that list what is allowed.
            pub fn choices() -> String {
                [$($label),+].join(" / ")
            }
        }

        impl rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(self.label().into())
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                let s = v.as_str()?;
                $name::parse(s).ok_or_else(|| rusqlite::types::FromSqlError::Other(
                    format!("未知的取值：{s}").into()))
            }
        }
    };
}
