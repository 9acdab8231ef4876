//! A snapshot of a database's schema, read from PostgreSQL's system catalogs, in a form two
//! databases can be compared by (see `drift`).
//!
//! Objects that extensions own, PostgreSQL's own schemas and refinery's history table are left
//! out: they are not what our migrations build.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;
use tokio_postgres::Client;

mod types_and_policies;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ObjectKind {
    Extension,
    Schema,
    Table,
    View,
    Sequence,
    Column,
    Constraint,
    Index,
    Trigger,
    Function,
    Type,
    Policy,
}

impl fmt::Display for ObjectKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let word = match self {
            Self::Extension => "extension",
            Self::Schema => "schema",
            Self::Table => "table",
            Self::View => "view",
            Self::Sequence => "sequence",
            Self::Column => "column",
            Self::Constraint => "constraint",
            Self::Index => "index",
            Self::Trigger => "trigger",
            Self::Function => "function",
            Self::Type => "type",
            Self::Policy => "policy",
        };
        f.write_str(word)
    }
}

/// An object's kind and qualified name (`pos.sales.total` for a column).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct ObjectKey {
    pub kind: ObjectKind,
    pub name: String,
}

/// Attribute name → value, e.g. `type` → `numeric(14,2)`.
pub type Attributes = BTreeMap<&'static str, String>;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Catalog {
    pub objects: BTreeMap<ObjectKey, Attributes>,
}

/// Filters shared by every query: user schemas only, nothing an extension owns.
const USER_SCHEMA: &str = "n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'";
const NOT_EXTENSION_MEMBER: &str = "NOT EXISTS (SELECT 1 FROM pg_depend dep \
     WHERE dep.classid = 'pg_class'::regclass AND dep.objid = c.oid AND dep.deptype = 'e')";
const NOT_EXTENSION_FUNCTION: &str = "NOT EXISTS (SELECT 1 FROM pg_depend dep \
     WHERE dep.classid = 'pg_proc'::regclass AND dep.objid = c.oid AND dep.deptype = 'e')";

impl Catalog {
    pub async fn read(client: &Client) -> Result<Self, tokio_postgres::Error> {
        // Definitions print names relative to the search path; a database-level setting on
        // the live database (which a scratch database does not inherit) would otherwise show
        // every foreign key as changed. With only pg_catalog searched, every name is
        // schema-qualified the same way on both sides.
        client.batch_execute("SET search_path = pg_catalog").await?;
        let mut catalog = Self::default();
        catalog.read_extensions(client).await?;
        catalog.read_schemas(client).await?;
        catalog.read_relations(client).await?;
        catalog.read_columns(client).await?;
        catalog.read_constraints(client).await?;
        catalog.read_indexes(client).await?;
        catalog.read_triggers(client).await?;
        catalog.read_functions(client).await?;
        catalog.read_types(client).await?;
        catalog.read_policies(client).await?;
        Ok(catalog)
    }

    fn insert(&mut self, kind: ObjectKind, name: String, attributes: Attributes) {
        self.objects.insert(ObjectKey { kind, name }, attributes);
    }

    async fn read_extensions(&mut self, client: &Client) -> Result<(), tokio_postgres::Error> {
        let rows = client
            .query(
                "SELECT e.extname, e.extversion, n.nspname FROM pg_extension e \
                 JOIN pg_namespace n ON n.oid = e.extnamespace",
                &[],
            )
            .await?;
        for row in rows {
            let attributes = Attributes::from([("version", row.get(1)), ("schema", row.get(2))]);
            self.insert(ObjectKind::Extension, row.get(0), attributes);
        }
        Ok(())
    }

    async fn read_schemas(&mut self, client: &Client) -> Result<(), tokio_postgres::Error> {
        let sql = format!("SELECT n.nspname FROM pg_namespace n WHERE {USER_SCHEMA}");
        for row in client.query(&sql, &[]).await? {
            self.insert(ObjectKind::Schema, row.get(0), Attributes::new());
        }
        Ok(())
    }

    async fn read_relations(&mut self, client: &Client) -> Result<(), tokio_postgres::Error> {
        let sql = format!(
            "SELECT n.nspname || '.' || c.relname, c.relkind::text, \
                    CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) END, \
                    c.relrowsecurity \
             FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
             WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND {USER_SCHEMA} \
               AND {NOT_EXTENSION_MEMBER} AND {NOT_HISTORY}"
        );
        for row in client.query(&sql, &[]).await? {
            let relkind: String = row.get(1);
            let kind = match relkind.as_str() {
                "v" | "m" => ObjectKind::View,
                "S" => ObjectKind::Sequence,
                _ => ObjectKind::Table,
            };
            let row_security: bool = row.get(3);
            let mut attributes = Attributes::from([
                ("relkind", relkind),
                (
                    "row_security",
                    if row_security { "on" } else { "off" }.to_owned(),
                ),
            ]);
            if let Some(definition) = row.get::<_, Option<String>>(2) {
                attributes.insert("definition", definition);
            }
            self.insert(kind, row.get(0), attributes);
        }
        Ok(())
    }

    async fn read_columns(&mut self, client: &Client) -> Result<(), tokio_postgres::Error> {
        let sql = format!(
            "SELECT n.nspname || '.' || c.relname || '.' || a.attname, \
                    format_type(a.atttypid, a.atttypmod), a.attnotnull, \
                    pg_get_expr(d.adbin, d.adrelid), a.attidentity::text, a.attgenerated::text, \
                    (SELECT co.collname::text FROM pg_collation co JOIN pg_type ty \
                       ON ty.oid = a.atttypid \
                     WHERE co.oid = a.attcollation AND a.attcollation <> ty.typcollation) \
             FROM pg_attribute a \
             JOIN pg_class c ON c.oid = a.attrelid \
             JOIN pg_namespace n ON n.oid = c.relnamespace \
             LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum \
             WHERE a.attnum > 0 AND NOT a.attisdropped \
               AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND {USER_SCHEMA} \
               AND {NOT_EXTENSION_MEMBER} AND {NOT_HISTORY}"
        );
        for row in client.query(&sql, &[]).await? {
            let not_null: bool = row.get(2);
            let attributes = Attributes::from([
                ("type", row.get(1)),
                (
                    "nullable",
                    if not_null { "NOT NULL" } else { "NULL" }.to_owned(),
                ),
                (
                    "default",
                    row.get::<_, Option<String>>(3).unwrap_or_default(),
                ),
                ("identity", row.get(4)),
                ("generated", row.get(5)),
                (
                    "collation",
                    row.get::<_, Option<String>>(6).unwrap_or_default(),
                ),
            ]);
            self.insert(ObjectKind::Column, row.get(0), attributes);
        }
        Ok(())
    }

    async fn read_constraints(&mut self, client: &Client) -> Result<(), tokio_postgres::Error> {
        let sql = format!(
            "SELECT n.nspname || '.' || c.relname || '.' || con.conname, \
                    pg_get_constraintdef(con.oid) \
             FROM pg_constraint con \
             JOIN pg_class c ON c.oid = con.conrelid \
             JOIN pg_namespace n ON n.oid = c.relnamespace \
             WHERE {USER_SCHEMA} AND {NOT_HISTORY}"
        );
        for row in client.query(&sql, &[]).await? {
            let attributes = Attributes::from([("definition", row.get(1))]);
            self.insert(ObjectKind::Constraint, row.get(0), attributes);
        }
        Ok(())
    }

    async fn read_indexes(&mut self, client: &Client) -> Result<(), tokio_postgres::Error> {
        let sql = format!(
            "SELECT n.nspname || '.' || ci.relname, pg_get_indexdef(i.indexrelid), \
                    i.indisvalid AND i.indisready \
             FROM pg_index i \
             JOIN pg_class ci ON ci.oid = i.indexrelid \
             JOIN pg_class c ON c.oid = i.indrelid \
             JOIN pg_namespace n ON n.oid = c.relnamespace \
             WHERE {USER_SCHEMA} AND {NOT_EXTENSION_MEMBER} AND {NOT_HISTORY}"
        );
        for row in client.query(&sql, &[]).await? {
            let usable: bool = row.get(2);
            let attributes = Attributes::from([
                ("definition", row.get(1)),
                ("valid", if usable { "valid" } else { "invalid" }.to_owned()),
            ]);
            self.insert(ObjectKind::Index, row.get(0), attributes);
        }
        Ok(())
    }

    async fn read_triggers(&mut self, client: &Client) -> Result<(), tokio_postgres::Error> {
        let sql = format!(
            "SELECT n.nspname || '.' || c.relname || '.' || t.tgname, pg_get_triggerdef(t.oid), \
                    t.tgenabled::text \
             FROM pg_trigger t \
             JOIN pg_class c ON c.oid = t.tgrelid \
             JOIN pg_namespace n ON n.oid = c.relnamespace \
             WHERE NOT t.tgisinternal AND {USER_SCHEMA}"
        );
        for row in client.query(&sql, &[]).await? {
            let enabled: String = row.get(2);
            let attributes = Attributes::from([
                ("definition", row.get(1)),
                (
                    "enabled",
                    if enabled == "D" {
                        "disabled"
                    } else {
                        "enabled"
                    }
                    .to_owned(),
                ),
            ]);
            self.insert(ObjectKind::Trigger, row.get(0), attributes);
        }
        Ok(())
    }

    async fn read_functions(&mut self, client: &Client) -> Result<(), tokio_postgres::Error> {
        let sql = format!(
            "SELECT n.nspname || '.' || c.proname || '(' \
                    || pg_get_function_identity_arguments(c.oid) || ')', \
                    pg_get_functiondef(c.oid) \
             FROM pg_proc c JOIN pg_namespace n ON n.oid = c.pronamespace \
             WHERE c.prokind IN ('f', 'p') AND {USER_SCHEMA} AND {NOT_EXTENSION_FUNCTION}"
        );
        for row in client.query(&sql, &[]).await? {
            let attributes = Attributes::from([("definition", row.get(1))]);
            self.insert(ObjectKind::Function, row.get(0), attributes);
        }
        Ok(())
    }
}

/// refinery's own table is bookkeeping, not schema.
const NOT_HISTORY: &str = "NOT (n.nspname = 'public' AND c.relname = 'refinery_schema_history')";
