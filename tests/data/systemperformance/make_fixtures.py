#!/usr/bin/env python3
# Writes the synthetic ^SystemPerformance / ^pButtons fixtures used by tests/import/test_metrics_*.cpp
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


def vmstat_rows(times, us, sy, with_st=True, repeat_header=0, boot=(1, 0)):
    """vmstat as ^SystemPerformance stamps it: the date and time before each line. Its first data
    line is the average since boot (`boot` = its us, sy), stamped one interval before the first
    measured one. With `repeat_header`, vmstat prints its header again every that many data lines,
    the since-boot line included (procps counts every line it prints)."""
    banner = "procs -----------memory---------- ---swap-- -----io---- -system-- ------cpu-----"
    head = " r  b   swpd   free   buff  cache   si   so    bi    bo   in   cs us sy id wa" + (" st" if with_st else "")
    rows = [banner, head]
    lines = []
    if boot is not None:
        lines.append((times[0] - (times[1] - times[0]), boot[0], boot[1], 0))
    lines += [(t, us[i], sy[i], i) for i, t in enumerate(times)]
    for k, (t, u, s, i) in enumerate(lines):
        if repeat_header and k and k % repeat_header == 0:
            rows += [banner, head]
        idle = 100 - u - s - 1
        cols = [2, 0, 0, 812340, 1024, 40960000, 0, 0, 120 + i, 900 + i, 3000, 5000, u, s, idle, 1]
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


# === Files from the field (issue 13, items 8-11) ==================================================


def show(name, values):
    print(f"{name:22} n={len(values):3} p95={nearest_rank(values, 95):10.4f} p90={nearest_rank(values, 90):10.4f} "
          f"peak={max(values):10.4f}")


# --- 5. IRIS 2023.1 on Ubuntu (container): "IRIS on machine HOST" title, a log path in the mgstat line,
#        4-digit years, vmstat repeating its header every 20 lines, iostat with ISO time stamps -------
t5 = datetime(2023, 10, 17, 9, 0, 0)
times5 = [t5 + timedelta(minutes=20 * i) for i in range(36)]
k5 = perm(36, 5)
rds5 = [25 * x for x in k5]
wrs5 = [4 * x for x in k5]
jrn5 = [2 * x for x in k5]  # x 64 KiB: x / 8 MiB/s
us5 = [2 * x for x in k5]
sy5 = [1 for _ in k5]
dbw5 = [10 * x for x in k5]


def mgstat_rows4(times, cols, rds, wrs, jrn):
    """mgstat rows with the 4-digit year 2023 and later releases write."""
    rows = mgstat_rows(times, cols, rds, wrs, jrn)
    out = [rows[0]]
    for row, t in zip(rows[1:], times):
        out.append(t.strftime("%m/%d/%Y") + row[8:])
    return out


def iostat_iso(times, host, cpus, devices, w_of):
    rows = [f"Linux 5.15.0-86-generic ({host}) \t{times[0].strftime('%m/%d/%Y')} \t_x86_64_\t({cpus} CPU)", ""]
    for i, t in enumerate(times):
        rows.append(t.strftime("%Y-%m-%dT%H:%M:%S+0000"))
        rows += ["avg-cpu:  %user   %nice %system %iowait  %steal   %idle",
                 "          12.00    0.00    2.00    0.40    0.00   85.60", ""]
        rows.append("Device            r/s     rkB/s   rrqm/s  %rrqm r_await rareq-sz     w/s     wkB/s   wrqm/s  "
                    "%wrqm w_await wareq-sz     d/s     dkB/s   drqm/s  %drqm d_await dareq-sz     f/s f_await  "
                    "aqu-sz  %util")
        for d in devices:
            w = w_of(d, i)
            rows.append(f"{d:<12} {30.0:>7.2f} {240.0:>9.2f} {0:>8.2f} {0:>6.2f} {0.4:>7.2f} {8:>8.2f} {w:>7.2f} "
                        f"{w * 8:>9.2f} {1:>8.2f} {0:>6.2f} {0.9:>7.2f} {8:>8.2f} {0:>7.2f} {0:>9.2f} {0:>8.2f} "
                        f"{0:>6.2f} {0:>7.2f} {0:>8.2f} {0:>7.2f} {0:>7.2f} {0.1:>7.2f} {4:>6.2f}")
        rows.append("")
    return rows


mg_info5 = ("/usr/irissys/mgr/SystemPerformance/20231017_0900_12hours_mgstat.log,MGSTATv2.11,wdcycle=80,"
            "globalbuffers=8192MB:0^0^8192^0^0^0,routinebuffers=1023MB:0^0^0^0^0^1023,"
            "numberofcpus=8:Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz,"
            "productversion=IRIS for UNIX (Ubuntu Server LTS for x86-64 Containers) 2023.1.2 (Build 450U)")
sections5 = {
    "Configuration": ["IRIS on machine irisprod01", "",
                      "Version String: IRIS for UNIX (Ubuntu Server LTS for x86-64 Containers) 2023.1.2 (Build 450U)",
                      "", "Instances on this host:", "up >IRIS on machine irisprod01"],
    "cpu": lscpu(8),
    "mgstat": [mg_info5] + mgstat_rows4(times5, IRIS_COLS, rds5, wrs5, jrn5),
    "vmstat": vmstat_rows(times5, us5, sy5, repeat_header=20, boot=(33, 7)),
    "iostat": iostat_iso(times5, "irisprod01", 8, ["nvme0n1", "nvme1n1", "nvme1n1p1", "dm-0"],
                         lambda d, i: {"nvme0n1": 2.0, "nvme1n1": float(dbw5[i]), "nvme1n1p1": float(dbw5[i]),
                                       "dm-0": 2.0}[d]),
    "df-m": ["Filesystem     1M-blocks   Used Available Use% Mounted on",
             "overlay           102400  20480     81920  20% /",
             "/dev/nvme1n1p1    409600 153600    256000  38% /irisdata"],
    "CPFfile": cpf("0,0,8192,0,0,0", [("IRISSYS", "/usr/irissys/mgr/"), ("HSCUSTOM", "/irisdata/hscustom/"),
                                      ("APPDATA", "/irisdata/app/")]),
}
order5 = ["Configuration", "cpu", "mgstat", "vmstat", "iostat", "df-m", "CPFfile"]
html5 = modern_html(sections5, 'Profile run "12hours" started at 09:00 on Oct 17 2023.', order5)
html5[0] = "<html><head><title>IRIS on machine irisprod01</title></head>"
write("sp_2023_ubuntu.html", html5)
show("2023 rds", rds5)
show("2023 jrn MiB/s", [x * 64 / 1024 for x in jrn5])
show("2023 cores", [(u + s) * 8 / 100 for u, s in zip(us5, sy5)])
show("2023 dbw", dbw5)

# --- 6. A stand-alone mgstat .mgst file with its vmstat -t and iostat -xmt of the same run -------------
t6 = datetime(2024, 3, 11, 8, 0, 0)
times6 = [t6 + timedelta(minutes=10 * i) for i in range(60)]
k6 = perm(60, 7)
rds6 = [30 * x for x in k6]
wrs6 = [3 * x for x in k6]
jrn6 = [4 * x for x in k6]  # x 64 KiB: x / 4 MiB/s
us6 = [x for x in k6]
sy6 = [x // 3 for x in k6]
w6 = [5 * x for x in k6]
mg6 = ["irisdb02_TRAK_20240311_0800_mgstat.mgst,MGSTATv2.11,wdcycle=80^10^80^4,"
       "globalbuffers=24576MB:0^0^24576^0^0^0,routinebuffers=1023MB:0^0^0^0^0^1023,"
       "numberofcpus=8:Intel(R) Xeon(R) Platinum 8259CL CPU @ 2.50GHz,"
       "productversion=IRIS for UNIX (Red Hat Enterprise Linux 9 for x86-64) 2024.1 (Build 267_2U)"]
mg6 += mgstat_rows(times6, IRIS_COLS, rds6, wrs6, jrn6)
write("irisdb02_TRAK_20240311_0800_mgstat.mgst", mg6 + [""])
vm6 = ["procs -----------memory---------- ---swap-- -----io---- -system-- ------cpu----- -----timestamp-----",
       " r  b   swpd   free   buff  cache   si   so    bi    bo   in   cs us sy id wa st                 UTC"]
for k, (t, u, sy_) in enumerate([(t6 - timedelta(minutes=10), 45, 5)] + list(zip(times6, us6, sy6))):
    vm6.append(f" 1  0      0 {900000 - k:>6} 20480 31457280    0    0   {40 + k:>3}   {300 + k:>3} 2500 4100 "
               f"{u:>2} {sy_:>2} {100 - u - sy_ - 1:>2}  1  0 {t.strftime('%Y-%m-%d %H:%M:%S')}")
write("vmstat-irisdb02.txt", vm6 + [""])
io6 = [f"Linux 5.14.0-362.8.1.el9_3.x86_64 (irisdb02) \t03/11/2024 \t_x86_64_\t(8 CPU)", ""]
for i, t in enumerate(times6):
    io6.append(t.strftime("%m/%d/%Y %I:%M:%S %p"))
    io6 += ["avg-cpu:  %user   %nice %system %iowait  %steal   %idle",
            "          20.00    0.00    5.00    0.50    0.00   74.50", ""]
    io6.append("Device            r/s     rMB/s   rrqm/s  %rrqm r_await rareq-sz     w/s     wMB/s   wrqm/s  %wrqm "
               "w_await wareq-sz  aqu-sz  %util")
    for d, w in (("nvme0n1", 3.0), ("nvme1n1", float(w6[i])), ("nvme1n1p1", float(w6[i])), ("nvme2n1", 20.0),
                 ("dm-0", 3.0)):
        io6.append(f"{d:<12} {25.0:>7.2f} {0.2:>9.2f} {0:>8.2f} {0:>6.2f} {0.4:>7.2f} {8:>8.2f} {w:>7.2f} "
                   f"{w * 8 / 1024:>9.2f} {1:>8.2f} {0:>6.2f} {0.9:>7.2f} {8:>8.2f} {0.1:>7.2f} {4:>6.2f}")
    io6.append("")
write("iostat-xmt-irisdb02.txt", io6)
show("mgst rds", rds6)
show("mgst jrn MiB/s", [x * 64 / 1024 for x in jrn6])
show("vmstat cores (8)", [(u + s) * 8 / 100 for u, s in zip(us6, sy6)])
show("iostat disks w/s", [3 + w + 20 for w in w6])

# --- 7. A terminal capture of dsp132^mgstat: prompt, header repeated every 12 rows -----------------
t7 = datetime(2024, 5, 2, 14, 30, 0)
times7 = [t7 + timedelta(seconds=5 * i) for i in range(24)]
k7 = perm(24, 5)
rds7 = [11 * x for x in k7]
wrs7 = [0 if i % 8 else 700 + x for i, x in enumerate(k7)]  # the write daemon's bursts
jrn7 = [x for x in k7]
cols7 = ["Glorefs", "GRratio", "PhyRds", "Gloupds", "Rourefs", "PhyWrs", "WDQsz", "WDphase", "Jrnwrts", "WDpass",
         "IJUcnt", "IJULock"]
cap = ["USER>zn \"%SYS\"", "", "%SYS>d dsp132^mgstat(5,24,,12)"]
body = mgstat_rows4(times7, cols7, rds7, wrs7, jrn7)
head7 = "Date,       Time    ," + ",".join(f"{c:>8}" for c in cols7)
for i, row in enumerate(body[1:]):
    if i % 12 == 0:
        cap.append(head7)
    cap.append(row)
cap += ["", "%SYS>"]
write("dsp132_capture.txt", cap + [""])
show("dsp132 rds", rds7)

# --- 8. IRIS on Windows: perfmon CSV instead of vmstat and iostat, 16 logical CPUs -----------------
t8 = datetime(2024, 1, 15, 8, 0, 0)
times8 = [t8 + timedelta(minutes=30 * i) for i in range(24)]
k8 = perm(24, 5)
rds8 = [50 * x for x in k8]
wrs8 = [6 * x for x in k8]
jrn8 = [8 * x for x in k8]
cpu8 = [2.5 * x for x in k8]
xfer8 = [40 * x for x in k8]
bytes8 = [2 * 1048576 * x for x in k8]


def perfmon_csv(host, times, cpu, xfer, nbytes, cpus, total=True, zone="Coordinated Universal Time"):
    cols = [f"(PDH-CSV 4.0) ({zone})(0)", f"\\\\{host}\\Memory\\Available MBytes"]
    if total:
        cols.append(f"\\\\{host}\\Processor(_Total)\\% Processor Time")
    cols += [f"\\\\{host}\\Processor({n})\\% Processor Time" for n in range(cpus)]
    disks = ["0 C:", "1 D:", "_Total"]
    cols += [f"\\\\{host}\\PhysicalDisk({d})\\Disk Transfers/sec" for d in disks]
    cols += [f"\\\\{host}\\PhysicalDisk({d})\\Disk Bytes/sec" for d in disks]
    lines = [",".join(f'"{c}"' for c in cols)]
    # perfmon's first sample has no rate yet: blank values.
    first = [(times[0] - timedelta(seconds=30)).strftime("%m/%d/%Y %H:%M:%S.") + "120", "20480"]
    first += [" "] * (len(cols) - 2)
    lines.append(",".join(f'"{v}"' for v in first))
    for i, t in enumerate(times):
        v = [t.strftime("%m/%d/%Y %H:%M:%S.") + "120", f"{20000 - i}"]
        if total:
            v.append(f"{cpu[i]:.6f}")
        v += [f"{cpu[i]:.6f}"] * cpus  # every CPU equally busy: the mean is the total
        v += [f"{xfer[i] * 0.1:.6f}", f"{xfer[i] * 0.9:.6f}", f"{xfer[i]:.6f}"]
        v += [f"{nbytes[i] * 0.1:.3f}", f"{nbytes[i] * 0.9:.3f}", f"{nbytes[i]:.3f}"]
        lines.append(",".join(f'"{x}"' for x in v))
    return lines


mg_info8 = ("c:\\intersystems\\iris\\mgr\\SystemPerformance\\20240115_0800_12hours_mgstat.log,MGSTATv2.11,"
            "wdcycle=80,globalbuffers=16384MB:0^0^16384^0^0^0,routinebuffers=1023MB:0^0^0^0^0^1023,"
            "numberofcpus=16:Intel64 Family 6 Model 106,productversion=IRIS for Windows (x86-64) 2023.1 (Build 229)")
win_sections = {
    "Configuration": ["Version String: IRIS for Windows (x86-64) 2023.1 (Build 229U) Fri Apr 14 2023"],
    "Windowsinfo": ["Windows info", "", "Host Name:                 IRISWIN01",
                    "OS Name:                   Microsoft Windows Server 2022 Datacenter",
                    "Processor(s):              2 Processor(s) Installed.",
                    "                           [01]: Intel64 Family 6 Model 106 Stepping 6 GenuineIntel ~2900 Mhz",
                    "                           [02]: Intel64 Family 6 Model 106 Stepping 6 GenuineIntel ~2900 Mhz",
                    "Total Physical Memory:     65,535 MB", "",
                    "NumberOfCores  NumberOfLogicalProcessors", "8              16"],
    "mgstat": [mg_info8] + mgstat_rows4(times8, IRIS_COLS, rds8, wrs8, jrn8),
    "perfmon": perfmon_csv("IRISWIN01", times8, cpu8, xfer8, bytes8, 16),
    "CPFfile": cpf("0,0,16384,0,0,0", [("IRISSYS", "c:\\intersystems\\iris\\mgr\\"), ("APP", "d:\\db\\app\\")]),
}
win = ["<html><head><title>IRIS Performance Data Report</title></head>", "<body>",
       '<a id="Topofpage"></a>', "<b>IRIS Performance Data Report</b><br>",
       'Profile run "12hours" started at 08:00 on Jan 15 2024.<br>']
for name in win_sections:
    win.append(f'<a href="#{name}">{name}</a><br>')
for name, body in win_sections.items():
    win.append(f"<div id={name}></div>{name}<br><pre>")
    if name == "mgstat":
        win += ["<!-- beg_mgstat -->", *body, "<!-- end_mgstat -->"]
    elif name == "perfmon":
        win += ["<!-- beg_win_perfmon -->", *body, "<!-- end_win_perfmon -->"]
    else:
        win += body
    win.append('</pre><a href="#Topofpage">Back to top</a><br>')
win += ["</body>", "</html>", ""]
write("sp_windows_perfmon.html", win, crlf=True)
show("win rds", rds8)
show("win cores (16)", [c * 16 / 100 for c in cpu8])
show("win xfer", xfer8)
show("win MiB/s", [b / 1048576 for b in bytes8])

# --- 9. A perfmon CSV on its own: 4 CPUs, no _Total processor counter (the mean of the CPUs) ----------
t9 = datetime(2024, 1, 16, 9, 0, 0)
times9 = [t9 + timedelta(minutes=15 * i) for i in range(12)]
k9 = perm(12, 5)
cpu9 = [5.0 * x for x in k9]
write("perfmon-IRISWIN02.csv",
      perfmon_csv("IRISWIN02", times9, cpu9, [10 * x for x in k9], [1048576 * x for x in k9], 4, total=False),
      crlf=True)
show("perfmon cores (4)", [c * 4 / 100 for c in cpu9])
