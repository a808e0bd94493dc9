"""Tables ready to stack as cards on a phone (academy.tables)."""

from __future__ import annotations

from academy.tables import stackable_tables

TABLE = """<table>
<thead>
<tr>
<th>Donateur <abbr title="x">inventé</abbr></th>
<th style="text-align: left;">Notes R-F-M</th>
<th>Groupe &amp; « état »</th>
</tr>
</thead>
<tbody>
<tr>
<td>Amina B.</td>
<td style="text-align: left;">3-3-3</td>
<td>Fidèle</td>
</tr>
<tr>
<td>Louis T.</td>
<td>3-1-1</td>
<td>Nouveau</td>
</tr>
</tbody>
</table>"""


def test_each_cell_carries_its_column_name() -> None:
    out = stackable_tables("<p>Avant</p>" + TABLE)
    assert out.startswith("<p>Avant</p><table data-cards>")
    assert out.count('<td data-label="Donateur inventé">') == 2
    assert '<td data-label="Notes R-F-M" style="text-align: left;">3-3-3</td>' in out
    assert out.count('<td data-label="Groupe &amp; « état »">') == 2


def test_narrow_tables_and_notebook_outputs_are_left_alone() -> None:
    two_columns = "<table>\n<thead>\n<tr>\n<th>Terme</th>\n<th>Sens</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>a</td>\n<td>b</td>\n</tr>\n</tbody>\n</table>"
    dataframe = TABLE.replace("<table>", '<table border="1" class="dataframe">')
    for html in (two_columns, dataframe, "<p>Pas de tableau</p>"):
        assert stackable_tables(html) == html
