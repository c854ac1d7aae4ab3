# tests/xlsx-check.py BOOK.xlsx DIR CENTRE.ini [rota-only] - reads a rota workbook
# with openpyxl (Debian's python3-openpyxl, a reader rotaplan does not
# share any code with) and checks it against the CSV files in DIR:
#   - a rota sheet per site of DIR/rota.csv, titled "Rota <site>" (its
#     name in CENTRE.ini up to a bracket, comma or " and "), with
#     the header row and officer column frozen and A4 landscape printing;
#   - for every row of rota.csv, the cell of its officer (by name) and
#     day holds its start and end ("09:00-17:00"), and no other cell of
#     the sheet holds a shift;
#   - unless rota-only: the Activities, Coverage and Hours sheets hold
#     activities.csv, coverage.csv and hours.csv cell for cell.
# Prints what it checked; exits 1 with the first difference.
import configparser
import csv
import os
import sys

from openpyxl import load_workbook

book, folder, centre = sys.argv[1], sys.argv[2], sys.argv[3]
rota_only = len(sys.argv) > 4 and sys.argv[4] == "rota-only"
wb = load_workbook(book, read_only=False)


def fail(message):
    print("xlsx-check: " + message)
    sys.exit(1)


rows = list(csv.DictReader(open(os.path.join(folder, "rota.csv"))))
sheets = [ws for ws in wb.worksheets if ws.title.startswith("Rota ")]
sites = sorted({r["site"] for r in rows})
if len(sheets) != len(sites):
    fail("%d rota sheets for %d sites" % (len(sheets), len(sites)))

# each site's sheet by its title: "Rota " and the site's name up to its
# first bracket, comma or " and "
config = configparser.ConfigParser(interpolation=None)
config.read(centre)
shifts = 0
for site in sites:
    name = config["site:" + site]["name"]
    cut = min([len(name)] + [name.find(t) for t in ("(", ",", " and ")
                              if name.find(t) >= 0])
    title = ("Rota " + name[:cut].strip())[:31]
    if title not in wb.sheetnames:
        fail("no sheet %r for site %s" % (title, site))
    ws = wb[title]
    if ws.freeze_panes != "B2":
        fail("%s: frozen at %s, not B2" % (title, ws.freeze_panes))
    setup = ws.page_setup
    if setup.orientation != "landscape" or str(setup.paperSize) != "9":
        fail("%s: not A4 landscape" % title)
    column = {}
    for c in range(2, ws.max_column + 1):
        column[str(ws.cell(row=1, column=c).value).split()[-1]] = c
    row = {ws.cell(row=r, column=1).value: r for r in range(2, ws.max_row + 1)}
    want = [x for x in rows if x["site"] == site]
    for x in want:
        v = ws.cell(row=row[x["name"]], column=column[x["date"]]).value
        if v != "%s-%s" % (x["start"], x["end"]):
            fail("%s: %s on %s is %r, rota.csv has %s-%s"
                 % (title, x["name"], x["date"], v, x["start"], x["end"]))
    cells = sum(1 for r in ws.iter_rows(min_row=2, min_col=2, values_only=True)
                for v in r if v and not str(v).startswith("at "))
    if cells != len(want):
        fail("%s: %d shifts, rota.csv has %d" % (title, cells, len(want)))
    shifts += cells
print("rota sheets: %d sites, %d shifts as in rota.csv" % (len(sheets), shifts))

if not rota_only:
    for name, file in (("Activities", "activities.csv"),
                       ("Coverage", "coverage.csv"), ("Hours", "hours.csv")):
        ws = wb[name]
        got = list(ws.iter_rows(values_only=True))
        want = list(csv.reader(open(os.path.join(folder, file))))
        if len(got) != len(want):
            fail("%s: %d rows, %s has %d" % (name, len(got), file, len(want)))
        for i, (g, w) in enumerate(zip(got, want)):
            g = list(g) + [None] * (len(w) - len(g))
            for k, field in enumerate(w):
                cell = g[k]
                same = (cell is None and field == "") or str(cell) == field
                if not same and isinstance(cell, (int, float)):
                    same = abs(cell - float(field)) <= 1e-12 * max(1, abs(cell))
                if not same:
                    fail("%s row %d column %d: %r, %s has %r"
                         % (name, i + 1, k + 1, cell, file, field))
        print("%s: %d rows as in %s" % (name, len(got), file))
