"""A database upgraded from the 11.0 addon finds the same module, the same
models, tables and columns, and the same groups and scheduled actions: what
11.0 stored is where 17.0 reads it. The 11.0 addon's own source (beside this
one in the repository), with the models both versions declare
(zoom_calendar_common), says what it stored."""
import ast
import os
import xml.etree.ElementTree as ElementTree

from odoo import tools
from odoo.tests import tagged
from odoo.tests.common import TransactionCase

import zoom_calendar_common

ADDON_11 = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))), "zoom_calendar")
# 11.0's field classes under their 17.0 names.
FIELD_TYPES = {"Char": "char", "Text": "text", "Html": "html", "Integer": "integer", "Float": "float",
               "Boolean": "boolean", "Date": "date", "Datetime": "datetime", "Selection": "selection",
               "Many2one": "many2one", "One2many": "one2many", "Many2many": "many2many",
               "Binary": "binary", "Monetary": "monetary"}


def _keywords(call):
    return {keyword.arg: keyword.value for keyword in call.keywords if keyword.arg}


def _constant(node):
    return node.value if isinstance(node, ast.Constant) else None


def stored_fields_11():
    """{model: {field: (type, comodel, relation table)}} of the fields 11.0
    stored in the database, read from its models' source: its own and those
    both versions declare."""
    models = {}
    folders = [os.path.join(ADDON_11, "models"), os.path.join(os.path.dirname(zoom_calendar_common.__file__), "models")]
    for path in sorted(os.path.join(folder, name) for folder in folders for name in os.listdir(folder)):
        if not path.endswith(".py"):
            continue
        with open(path, encoding="utf-8") as handle:
            tree = ast.parse(handle.read())
        for klass in (node for node in tree.body if isinstance(node, ast.ClassDef)):
            attributes = {target.id: statement.value for statement in klass.body
                          if isinstance(statement, ast.Assign)
                          for target in statement.targets if isinstance(target, ast.Name)}
            model = _constant(attributes.get("_name")) or _constant(attributes.get("_inherit"))
            if not model:
                continue
            for field, value in attributes.items():
                if not (isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute)
                        and isinstance(value.func.value, ast.Name) and value.func.value.id == "fields"
                        and value.func.attr in FIELD_TYPES):
                    continue
                kind = FIELD_TYPES[value.func.attr]
                keywords = _keywords(value)
                store = _constant(keywords.get("store"))
                if kind == "one2many" or store is False:
                    continue
                if ("compute" in keywords or "related" in keywords) and not store:
                    continue
                comodel = _constant(keywords.get("comodel_name")) or (
                    _constant(value.args[0]) if value.args and kind in ("many2one", "many2many") else None)
                relation = _constant(keywords.get("relation")) or (
                    _constant(value.args[1]) if len(value.args) > 1 and kind == "many2many" else None)
                models.setdefault(model, {})[field] = (kind, comodel, relation)
    return models


def xml_ids_11(*files):
    """The ids of the records 11.0's data files define in its own module."""
    ids = []
    for path in files:
        for record in ElementTree.parse(os.path.join(ADDON_11, path)).iter("record"):
            if "." not in record.get("id"):
                ids.append("zoom_calendar.%s" % record.get("id"))
    return ids


@tagged("post_install", "-at_install")
class TestUpgradeFrom11(TransactionCase):

    def setUp(self):
        super().setUp()
        if not os.path.isdir(os.path.join(ADDON_11, "models")):
            self.skipTest("the 11.0 addon is not beside this one (%s)" % ADDON_11)

    def test_every_column_11_stored_is_a_stored_field_of_the_same_kind(self):
        models = stored_fields_11()
        self.assertIn("zoom.meeting", models)
        self.assertGreater(sum(len(fields_) for fields_ in models.values()), 50)
        for model, fields_ in models.items():
            self.assertIn(model, self.env, "11.0's model %s is gone" % model)
            records = self.env[model]
            for name, (kind, comodel, relation) in fields_.items():
                with self.subTest(model=model, field=name):
                    field = records._fields.get(name)
                    self.assertTrue(field, "%s.%s is gone" % (model, name))
                    self.assertTrue(field.store, "%s.%s is no longer stored" % (model, name))
                    self.assertEqual(field.type, kind)
                    if comodel:
                        self.assertEqual(field.comodel_name, comodel)
                    if kind == "many2many":
                        if relation:
                            self.assertEqual(field.relation, relation)
                        self.assertTrue(tools.table_exists(self.env.cr, field.relation))
                    else:
                        self.assertTrue(tools.column_exists(self.env.cr, records._table, name))

    def test_the_tokens_stay_in_their_columns(self):
        # Not fields (test_zoom_account): columns the addon reads and writes itself.
        for column in ("access_token_enc", "refresh_token_enc", "token_expires_at"):
            self.assertTrue(tools.column_exists(self.env.cr, "zoom_account", column), column)

    def test_the_groups_and_scheduled_actions_keep_their_ids(self):
        # Users in 11.0's Zoom groups stay in them; the crons are updated, not doubled.
        for xml_id in xml_ids_11("security/zoom_calendar_security.xml", "data/ir_cron_data.xml"):
            record = self.env.ref(xml_id, raise_if_not_found=False)
            if xml_id.split(".")[1].startswith(("group_", "ir_cron_")):
                with self.subTest(xml_id=xml_id):
                    self.assertTrue(record, "%s is gone" % xml_id)
