//! The rarer schema objects: enum and domain types, and row-level security policies.

use tokio_postgres::Client;

use super::{Attributes, Catalog, ObjectKind, USER_SCHEMA};

impl Catalog {
    /// Enum types (with their labels in order) and domains (with their base type and
    /// checks); extension-owned types are left out.
    pub(super) async fn read_types(
        &mut self,
        client: &Client,
    ) -> Result<(), tokio_postgres::Error> {
        let sql = format!(
            "SELECT n.nspname || '.' || c.typname, c.typtype::text, \
                    CASE c.typtype \
                      WHEN 'e' THEN (SELECT string_agg(e.enumlabel, ', ' ORDER BY e.enumsortorder) \
                                     FROM pg_enum e WHERE e.enumtypid = c.oid) \
                      ELSE format_type(c.typbasetype, c.typtypmod) \
                           || CASE WHEN c.typnotnull THEN ' NOT NULL' ELSE '' END \
                           || COALESCE(' ' || (SELECT string_agg(pg_get_constraintdef(k.oid), ' ' \
                                                   ORDER BY k.conname) \
                                               FROM pg_constraint k WHERE k.contypid = c.oid), '') \
                    END \
             FROM pg_type c JOIN pg_namespace n ON n.oid = c.typnamespace \
             WHERE c.typtype IN ('e', 'd') AND {USER_SCHEMA} AND {NOT_EXTENSION_TYPE}"
        );
        for row in client.query(&sql, &[]).await? {
            let kind: String = row.get(1);
            let attributes = Attributes::from([
                (
                    "kind",
                    if kind == "e" { "enum" } else { "domain" }.to_owned(),
                ),
                (
                    "definition",
                    row.get::<_, Option<String>>(2).unwrap_or_default(),
                ),
            ]);
            self.insert(ObjectKind::Type, row.get(0), attributes);
        }
        Ok(())
    }

    /// Row-level security policies.
    pub(super) async fn read_policies(
        &mut self,
        client: &Client,
    ) -> Result<(), tokio_postgres::Error> {
        let rows = client
            .query(
                "SELECT schemaname || '.' || tablename || '.' || policyname, \
                        permissive || ' ' || cmd || ' to ' || array_to_string(roles, ',') \
                        || ' using ' || COALESCE(qual, '-') \
                        || ' check ' || COALESCE(with_check, '-') \
                 FROM pg_policies",
                &[],
            )
            .await?;
        for row in rows {
            let attributes = Attributes::from([("definition", row.get(1))]);
            self.insert(ObjectKind::Policy, row.get(0), attributes);
        }
        Ok(())
    }
}

const NOT_EXTENSION_TYPE: &str = "NOT EXISTS (SELECT 1 FROM pg_depend dep \
     WHERE dep.classid = 'pg_type'::regclass AND dep.objid = c.oid AND dep.deptype = 'e')";
