#!/usr/bin/env python3
# Writes the synthetic ^SystemPerformance / ^pButtons fixtures used by tests/test_metrics_import.cpp
# into the directory given as the argument, and prints the expected nearest-rank percentiles and
# peaks. Usage: python3 make_fixtures.py tests/data/systemperformance
import math, os, sys
from datetime import datetime, timedelta

OUT = sys.argv[1]
os.makedirs(OUT, exist_ok=True)


def nearest_rank(values, p):
    v = sorted(values)
    r = math.ceil(p * len(v) / 100 - 1e-9)
    r = min(max(r, 1), len(v))
    return v[r - 1]


def perm(n, step):
    return [((step * i) % n) + 1 for i in range(n)]


IRIS_COLS = ["Glorefs", "RemGrefs", "GRratio", "PhyRds", "Rdratio", "Gloupds", "RemGupds", "Rourefs",
             "RemRrefs", "RouLaS", "RemRLaS", "PhyWrs", "WDQsz", "WDtmpq", "WDphase", "WIJwri", "RouCMs",
             "Jrnwrts", "ActECP", "Addblk", "PrgBufL", "PrgSrvR", "BytSnt", "BytRcd", "WDpass", "IJUcnt",
             "IJULock", "PPGrefs", "PPGupds", "GblSz", "pGblNsz", "pGblAsz", "RouSz", "pRouAsz", "ObjSz",
             "pObjAsz"]
OLD_COLS = ["Glorefs", "RemGrefs", "GRratio", "PhyRds", "Rdratio", "Gloupds", "RemGupds", "Rourefs",
            "RemRrefs", "RouLaS", "RemRLaS", "PhyWrs", "WDQsz", "WDtmpq", "WDphase", "WIJwri", "RouCMs",
            "Jrnwrts", "ActECP", "Addblk"]


def mgstat_rows(times, cols, rds, wrs, jrn):
    head = "Date,       Time    ," + ",".join(f"{c:>9}" for c in cols)
    rows = [head]
    for i, t in enumerate(times):
        vals = []
        for c in cols:
            if c == "PhyRds":
                v = str(rds[i])
            elif c == "PhyWrs":
                v = str(wrs[i])
            elif c == "Jrnwrts":
                v = str(jrn[i])
            elif c in ("GRratio", "Rdratio"):
                v = "1.25"
            elif c == "Glorefs":
                v = str(100000 + 37 * i)
            elif c == "GblSz":
                v = "2359296"
            elif c.startswith("p"):
                v = "42"
            else:
                v = str((i * 13) % 7)
            vals.append(f"{v:>9}")
        rows.append(t.strftime("%m/%d/%y") + ", " + t.strftime("%H:%M:%S") + "," + ",".join(vals))
    return rows


def vmstat_rows(times, us, sy, with_st=True, repeat_header=0):
    banner = "procs -----------memory---------- ---swap-- -----io---- -system-- ------cpu-----"
    head = " r  b   swpd   free   buff  cache   si   so    bi    bo   in   cs us sy id wa" + (" st" if with_st else "")
    rows = [banner, head]
    for i, t in enumerate(times):
        if repeat_header and i and i % repeat_header == 0:
            rows += [banner, head]
        idle = 100 - us[i] - sy[i] - 1
        cols = [2, 0, 0, 812340, 1024, 40960000, 0, 0, 120 + i, 900 + i, 3000, 5000, us[i], sy[i], idle, 1]
        if with_st:
            cols.append(0)
        rows.append(t.strftime("%m/%d/%y %H:%M:%S") + " " + " ".join(f"{c:>5}" for c in cols))
    return rows


def iostat_rows(times, host, cpus, devices, w_of, style="new"):
    rows = [f"Linux 4.18.0-305.el8.x86_64 ({host}) \t{times[0].strftime('%m/%d/%Y')} \t_x86_64_\t({cpus} CPU)", ""]
    for i, t in enumerate(times):
        if style == "new":
            rows.append(t.strftime("%m/%d/%Y %I:%M:%S %p"))
            rows += ["avg-cpu:  %user   %nice %system %iowait  %steal   %idle",
                     "          10.00    0.00    3.00    0.50    0.00   86.50", ""]
            rows.append("Device            r/s     w/s     rkB/s     wkB/s   rrqm/s   wrqm/s  %rrqm  %wrqm "
                        "r_await w_await aqu-sz rareq-sz wareq-sz  svctm  %util")
            for d in devices:
                w = w_of(d, i)
                rows.append(f"{d:<12} {40.0:>7.2f} {w:>7.2f} {320.0:>9.2f} {w * 8:>9.2f} {0:>8.2f} {1:>8.2f} "
                            f"{0:>6.2f} {0:>6.2f} {0.5:>7.2f} {0.8:>7.2f} {0.1:>6.2f} {8:>8.2f} {8:>8.2f} "
                            f"{0.2:>6.2f} {5:>6.2f}")
        else:
            rows.append("Time: " + t.strftime("%I:%M:%S %p"))
            rows.append("Device:         rrqm/s   wrqm/s     r/s     w/s   rsec/s   wsec/s avgrq-sz avgqu-sz   "
                        "await  svctm  %util")
            for d in devices:
                w = w_of(d, i)
                rows.append(f"{d:<15} {0:>7.2f} {1:>8.2f} {40:>7.2f} {w:>7.2f} {640:>8.2f} {w * 16:>8.2f} "
                            f"{16:>8.2f} {0.1:>8.2f} {0.7:>7.2f} {0.2:>6.2f} {5:>6.2f}")
        rows.append("")
    return rows


def lscpu(cpus):
    return ["Architecture:        x86_64", "CPU op-mode(s):      32-bit, 64-bit", f"CPU(s):              {cpus}",
            f"On-line CPU(s) list: 0-{cpus - 1}", "Thread(s) per core:  2", f"NUMA node0 CPU(s):   0-{cpus - 1}",
            "Model name:          Intel(R) Xeon(R) Platinum 8259CL CPU @ 2.50GHz"]


def cpf(globals_, dbs, extra=()):
    rows = ["[ConfigFile]", "Version=2021.1", "", "[Databases]"]
    rows += [f"{n}={d}" for n, d in dbs]
    rows += ["", "[Journal]", "AlternateDirectory=/jrn/journal2/", "CurrentDirectory=/jrn/journal1/",
             "FreezeOnError=1", "", "[Startup]", "SystemMode=LIVE &lt;production&gt;", "", "[config]",
             "LibPath=", f"globals={globals_}", "gmheap=393216", "locksiz=16777216", "routines=0,0,0,0,0,1023",
             "wijdir=/wij/", *extra]
    return rows


def modern_html(sections, profile, toc_order, mgstat_fenced=True):
    out = ["<html><head><title>IRIS Performance Data Report</title></head>", "<body>",
           '<font face="Arial, Helvetica, sans-serif">', '<a id="Topofpage"></a>',
           "<b>IRIS Performance Data Report</b><br>", profile + "<br>", "Run over 20 intervals of 1800 seconds.<br>",
           "<br>"]
    for name in toc_order:
        out.append(f'<a href="#{name}">{name}</a><br>')
    for name in toc_order:
        body = sections[name]
        out.append(f"<div id={name}></div>{name}<br><pre>")
        if name in ("mgstat", "vmstat") and mgstat_fenced:
            out.append(f"<!-- beg_{name} -->")
            out += body
            out.append(f"<!-- end_{name} -->")
        else:
            out += body
        out.append('</pre><a href="#Topofpage">Back to top</a><br>')
    out += ["</font>", "</body>", "</html>", ""]
    return out


def write(name, lines, crlf=False):
    text = ("\r\n" if crlf else "\n").join(lines)
    with open(os.path.join(OUT, name), "w", newline="") as f:
        f.write(text)
    return text


expected = {}

# --- 1. modern Linux IRIS, CRLF, 20 samples every 30 min, Nov 22 2021 08:00-17:30 -------------
t0 = datetime(2021, 11, 22, 8, 0, 0)
times = [t0 + timedelta(minutes=30 * i) for i in range(20)]
k = perm(20, 7)
kw = perm(20, 3)
rds = [100 * x for x in k]
wrs = [10 * x for x in kw]
jrn = [8 * x for x in k]  # MiB/s = x / 2
us = [2 * x for x in k]
sy = [x for x in k]
dbw = [50 * x for x in kw]
mg_info = ("irishost_IRIS_20211122_0800_test20x1800.mgst,MGSTATv2.9a,wdcycle=80,"
           "globalbuffers=0MB:0MB:18432MB:0MB:0MB:0MB,routinebuffers=1023MB,numberofcpus=16:irishost,"
           "productversion=IRIS for UNIX (Red Hat Enterprise Linux 8 for x86-64) 2021.1")
sections = {
    "Configuration": ["irishost:IRIS", "Version: IRIS for UNIX (Red Hat Enterprise Linux 8 for x86-64) 2021.1",
                      "Note: CPU &amp; memory figures &lt;per host&gt;"],
    "cpu": lscpu(16),
    "mgstat": [mg_info] + mgstat_rows(times, IRIS_COLS, rds, wrs, jrn),
    "vmstat": vmstat_rows(times, us, sy),
    "iostat": iostat_rows(times, "irishost", 16, ["sda", "sdb", "sdc", "dm-0"],
                          lambda d, i: {"sda": 3.0, "sdb": float(dbw[i]), "sdc": 120.0, "dm-0": 3.0}[d]),
    "sar-u": ["08:00:01 AM     CPU     %user     %nice   %system   %iowait    %steal     %idle",
              "08:30:01 AM     all     10.00      0.00      3.00      0.50      0.00     86.50"],
    "df-m": ["Filesystem     1M-blocks   Used Available Use% Mounted on",
             "/dev/sda2          51200   10240     40960  20% /",
             "/dev/sdb1         512000  204800    307200  40% /db",
             "/dev/sdc1         102400   20480     81920  20% /jrn",
             "/dev/mapper/vg_wij-lv_wij",
             "                   40960   18432     22528  45% /wij"],
    "CPFfile": cpf("0,0,18432,0,0,0", [("IRISSYS", "/usr/irissys/mgr/"), ("IRISLIB", "/usr/irissys/mgr/irislib/"),
                                       ("IRISTEMP", "/usr/irissys/mgr/iristemp/"),
                                       ("TRAK-DATA", "/db/trak/data/"), ("TRAK-AUDIT", "/db/trak/audit/,,1")]),
}
order = ["Configuration", "cpu", "mgstat", "vmstat", "iostat", "sar-u", "df-m", "CPFfile"]
write("sp_modern_linux_crlf.html",
      modern_html(sections, 'Profile run "test20x1800" started at 08:00 on Nov 22 2021.', order), crlf=True)
expected["modern"] = dict(rds=rds, wrs=wrs, jrn=[x / 16 for x in jrn], busy=[u + s for u, s in zip(us, sy)],
                          cores=[(u + s) * 16 / 100 for u, s in zip(us, sy)], dbw=dbw, times=times)

# --- 2. same host, next day, no iostat, no df, LF, 16 samples 08:00-15:30 ------------------------
t1 = datetime(2021, 11, 23, 8, 0, 0)
times2 = [t1 + timedelta(minutes=30 * i) for i in range(16)]
k2 = perm(16, 5)
rds2 = [150 * x for x in k2]
wrs2 = [15 * x for x in k2]
jrn2 = [16 * x for x in k2]
us2 = [3 * x for x in k2]
sy2 = [x for x in k2]
sections2 = dict(sections)
sections2["mgstat"] = [mg_info.replace("20211122", "20211123")] + mgstat_rows(times2, IRIS_COLS, rds2, wrs2, jrn2)
sections2["vmstat"] = vmstat_rows(times2, us2, sy2)
order2 = ["Configuration", "cpu", "mgstat", "vmstat", "sar-u", "CPFfile"]
write("sp_no_iostat.html",
      modern_html(sections2, 'Profile run "test16x1800" started at 08:00 on Nov 23 2021.', order2))
expected["noio"] = dict(rds=rds2, wrs=wrs2, jrn=[x / 16 for x in jrn2], busy=[u + s for u, s in zip(us2, sy2)],
                        cores=[(u + s) * 16 / 100 for u, s in zip(us2, sy2)])

# --- 3. old pButtons (Cache), <b><font id=...> anchors, fewer mgstat columns, 8 CPUs ------------
t2 = datetime(2014, 3, 10, 8, 0, 0)
times3 = [t2 + timedelta(minutes=30 * i) for i in range(24)]
k3 = perm(24, 5)
rds3 = [40 * x for x in k3]
wrs3 = [5 * x for x in k3]
jrn3 = [4 * x for x in k3]
us3 = [x for x in k3]
sy3 = [1 for _ in k3]
itimes3 = [t2 + timedelta(hours=i) for i in range(12)]
old_sections = {
    "Configuration": ["oldhost:CACHE", "Version: Cache for UNIX (Red Hat Enterprise Linux for x86-64) 2013.1"],
    "Linuxinfo": ["/proc/cpuinfo:"] + sum(([f"processor\t: {i}", "model name\t: Intel(R) Xeon(R) CPU E5-2670",
                                            ""] for i in range(8)), []),
    "mgstat": mgstat_rows(times3, OLD_COLS, rds3, wrs3, jrn3),
    "vmstat": vmstat_rows(times3, us3, sy3, with_st=False, repeat_header=10),
    "iostat": iostat_rows(itimes3, "oldhost", 8, ["sda", "sdb"], lambda d, i: 5.0 + i, style="old"),
    "cpffile": ["[config]", "globals=0,0,8192,2048,0,0", "routines=256", "gmheap=153600", "wijdir=",
                "[Journal]", "CurrentDirectory=/trak/jrn/", "AlternateDirectory=/trak/altjrn/"],
}
old = ["<html>", "<head><title>Cache Performance Data Report</title></head>", "<body>",
       '<a name="Topofpage"></a>',
       '<b><font face="Arial, Helvetica, sans-serif" size="4" color="#0000FF">Cache Performance Data Report</font></b><br>',
       "Profile run &quot;24hours&quot; started at 08:00 on Mar 10 2014.<br>"]
for name in old_sections:
    old.append(f'<a href="#{name}">{name}</a><br>')
for name, body in old_sections.items():
    old.append(f'<b><font face="Arial, Helvetica, sans-serif" size="4" color="#0000FF" id={name}>{name}</font></b>'
               '<br><pre>')
    if name == "vmstat":
        old += ["<!-- beg_vmstat -->", *body, "<!-- end_vmstat -->"]
    else:
        old += body  # mgstat without fences: found through its section
    old.append('</pre><p><a href="#Topofpage">Back to top</a></p>')
old += ["</body>", "</html>", ""]
write("pbuttons_old_cache.html", old)
expected["old"] = dict(rds=rds3, wrs=wrs3, jrn=[x / 16 for x in jrn3], busy=[u + s for u, s in zip(us3, sy3)],
                       cores=[(u + s) * 8 / 100 for u, s in zip(us3, sy3)])

# --- 4. truncated mid-mgstat ------------------------------------------------------------------
t3 = datetime(2021, 11, 24, 8, 0, 0)
times4 = [t3 + timedelta(minutes=30 * i) for i in range(12)]
k4 = perm(12, 5)
rds4 = [100 * x for x in k4]
sections4 = dict(sections)
sections4["mgstat"] = [mg_info.replace("20211122", "20211124")] + mgstat_rows(times4, IRIS_COLS, rds4,
                                                                               [7] * 12, [32] * 12)
text = "\r\n".join(modern_html(sections4, 'Profile run "test20x1800" started at 08:00 on Nov 24 2021.', order))
# Cut in the middle of the 11th data row (so 10 complete rows are left).
row11 = sections4["mgstat"][2 + 10]
cut = text.index(row11) + len(row11) // 2
with open(os.path.join(OUT, "sp_truncated.html"), "w", newline="") as f:
    f.write(text[:cut])
expected["trunc"] = dict(rds=rds4[:10])

for name, e in expected.items():
    for key in ("rds", "wrs", "jrn", "busy", "cores", "dbw"):
        if key in e:
            v = e[key]
            print(f"{name:6} {key:5} n={len(v):3} p95={nearest_rank(v, 95):10.4f} p90={nearest_rank(v, 90):10.4f} "
                  f"p50={nearest_rank(v, 50):10.4f} peak={max(v):10.4f}")
m, n = expected["modern"], expected["noio"]
for key in ("rds", "wrs", "jrn", "cores"):
    v = m[key] + n[key]
    print(f"combined {key:5} n={len(v)} p95={nearest_rank(v, 95):.4f} peak={max(v):.4f}")
i = m["rds"].index(max(m["rds"]))
print("modern rds peak at", m["times"][i])
