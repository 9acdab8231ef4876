-- Initial data: one organization with one store, its default tax settings and a basic chart of
-- accounts. No user is created here: the first administrator is made by `hq init`, so that no
-- password ever sits in a migration.

INSERT INTO core.organizations (slug, name, currency, timezone)
VALUES ('default', 'Default Organization', 'USD', 'UTC');

INSERT INTO inv.locations (organization_id, code, name, kind)
SELECT id, 'MAIN', 'Main Store', 'store' FROM core.organizations WHERE slug = 'default';

INSERT INTO pos.tax_rates (organization_id, code, name, rate)
SELECT o.id, t.code, t.name, t.rate
  FROM core.organizations o
 CROSS JOIN (VALUES
        ('STD',    'Sales tax 8.875%', 0.088750),
        ('EXEMPT', 'Tax exempt',       0.000000)
     ) AS t (code, name, rate)
 WHERE o.slug = 'default';

INSERT INTO acct.chart_of_accounts (organization_id, code, name, account_type)
SELECT o.id, a.code, a.name, a.account_type
  FROM core.organizations o
 CROSS JOIN (VALUES
        ('1000', 'Cash',                   'asset'),
        ('1010', 'Card clearing',          'asset'),
        ('1200', 'Inventory',              'asset'),
        ('2100', 'Sales tax payable',      'liability'),
        ('2200', 'Store credit liability', 'liability'),
        ('3000', 'Owner''s equity',        'equity'),
        ('4000', 'Sales revenue',          'revenue'),
        ('5000', 'Cost of goods sold',     'expense')
     ) AS a (code, name, account_type)
 WHERE o.slug = 'default';
