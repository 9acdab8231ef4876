//! Differences between the live database and what the migrations build.

use std::fmt;

use serde::Serialize;

use crate::catalog::{Catalog, ObjectKey};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "change", rename_all = "lowercase")]
pub enum Difference {
    /// The migrations build it; the live database lacks it.
    Missing { object: ObjectKey },
    /// The live database has it; the migrations do not build it.
    Extra { object: ObjectKey },
    /// Both have it, with a different attribute.
    Changed {
        object: ObjectKey,
        attribute: String,
        expected: String,
        found: String,
    },
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Missing { object } => write!(f, "missing {} {}", object.kind, object.name),
            Self::Extra { object } => write!(f, "extra {} {}", object.kind, object.name),
            Self::Changed {
                object,
                attribute,
                expected,
                found,
            } => write!(
                f,
                "changed {} {}: {attribute} is {}, the migrations build {}",
                object.kind,
                object.name,
                shown(found),
                shown(expected)
            ),
        }
    }
}

fn shown(value: &str) -> String {
    if value.is_empty() {
        "(none)".to_owned()
    } else {
        value.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

/// Every difference between `expected` (built from the migrations) and `live`, in a stable order.
pub fn compare(expected: &Catalog, live: &Catalog) -> Vec<Difference> {
    let mut differences = Vec::new();
    for (key, want) in &expected.objects {
        match live.objects.get(key) {
            None => differences.push(Difference::Missing {
                object: key.clone(),
            }),
            Some(have) => {
                for (attribute, expected_value) in want {
                    let found = have.get(attribute).cloned().unwrap_or_default();
                    if &found != expected_value {
                        differences.push(Difference::Changed {
                            object: key.clone(),
                            attribute: (*attribute).to_owned(),
                            expected: expected_value.clone(),
                            found,
                        });
                    }
                }
            }
        }
    }
    for key in live.objects.keys() {
        if !expected.objects.contains_key(key) {
            differences.push(Difference::Extra {
                object: key.clone(),
            });
        }
    }
    differences
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{Attributes, ObjectKind};

    fn column(name: &str, ty: &str) -> (ObjectKey, Attributes) {
        (
            ObjectKey {
                kind: ObjectKind::Column,
                name: name.to_owned(),
            },
            Attributes::from([("type", ty.to_owned())]),
        )
    }

    #[test]
    fn reports_missing_extra_and_changed_in_words() {
        let expected = Catalog {
            objects: [
                column("pos.sales.total", "numeric(14,2)"),
                column("a.b.c", "text"),
            ]
            .into_iter()
            .collect(),
        };
        let live = Catalog {
            objects: [
                column("pos.sales.total", "integer"),
                column("pos.sales.note", "text"),
            ]
            .into_iter()
            .collect(),
        };
        let lines: Vec<String> = compare(&expected, &live)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            lines,
            [
                "missing column a.b.c",
                "changed column pos.sales.total: type is integer, the migrations build numeric(14,2)",
                "extra column pos.sales.note",
            ]
        );
    }

    #[test]
    fn identical_catalogs_have_no_difference() {
        let catalog = Catalog {
            objects: [column("pos.sales.total", "numeric(14,2)")]
                .into_iter()
                .collect(),
        };
        assert!(compare(&catalog, &catalog.clone()).is_empty());
    }
}
