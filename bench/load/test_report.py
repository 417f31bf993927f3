"""Unit tests of report.py (python3 -m unittest discover -s bench/load): percentiles, buckets, errors, the SVG."""
import os
import tempfile
import unittest
import xml.etree.ElementTree as ET

import report


class PercentileTest(unittest.TestCase):

    def test_nearest_rank_of_a_hundred_values(self):
        values = list(range(1, 101))
        self.assertEqual(report.percentile(values, 0.50), 50)
        self.assertEqual(report.percentile(values, 0.99), 99)
        self.assertEqual(report.percentile(values, 1.0), 100)

    def test_small_and_empty_lists(self):
        self.assertEqual(report.percentile([7], 0.99), 7)
        self.assertEqual(report.percentile([1, 2], 0.5), 1)
        self.assertIsNone(report.percentile([], 0.5))


class SamplesTest(unittest.TestCase):

    def setUp(self):
        self.dir = tempfile.mkdtemp()
        path = os.path.join(self.dir, "samples.csv")
        with open(path, "w") as f:
            f.write("op,t_ms,latency_us,status\n")
            # locate: 0..9 s at 1..10 ms, 10..19 s at 101..110 ms, and one failure without an answer
            for i in range(10):
                f.write(f"locate,{i * 1000},{(i + 1) * 1000},200\n")
            for i in range(10):
                f.write(f"locate,{10_000 + i * 1000},{(101 + i) * 1000},200\n")
            f.write("locate,15000,5000000,0\n")
            f.write("report,500,20000,201\n")
            f.write("report,600,30000,409\n")
        self.samples = report.read_samples(path)

    def test_summary_excludes_errors_from_latency_and_counts_them(self):
        s = report.summarise(self.samples, 20)
        self.assertEqual(s["locate"]["requests"], 21)
        self.assertEqual(s["locate"]["errors"], 1)
        self.assertAlmostEqual(s["locate"]["rate"], 21 / 20)
        self.assertEqual(s["locate"]["p50_ms"], 10.0)
        self.assertEqual(s["locate"]["p99_ms"], 110.0)
        self.assertEqual(s["locate"]["max_ms"], 110.0)
        self.assertEqual(s["report"]["errors"], 1)
        self.assertEqual(s["report"]["p99_ms"], 20.0)

    def test_ten_second_buckets(self):
        b = report.bucketed(self.samples)
        self.assertEqual(b["locate"], [(0.0, 10, 5.0, 10.0), (10.0, 10, 105.0, 110.0)])
        self.assertEqual(b["report"], [(0.0, 1, 20.0, 20.0)])

    def test_svg_is_well_formed_with_a_line_per_percentile_and_the_memory(self):
        memory = [(0.0, 500.0, 0, 200.0, 80.0), (5.0, 510.0, 900, 250.0, 81.0), (10.0, 505.0, 1800, 220.0, None)]
        root = ET.fromstring(report.svg(report.bucketed(self.samples), memory, 20, "t <&>"))
        lines = root.findall("{http://www.w3.org/2000/svg}polyline")
        # locate p99 + p50, report p99 + p50, resident memory, heap live after GC (its unknown point left out)
        self.assertEqual(len(lines), 6)
        self.assertEqual(len(lines[-1].get("points").split()), 2)

    def test_memory_file_with_unknown_heap(self):
        path = os.path.join(self.dir, "memory.csv")
        with open(path, "w") as f:
            f.write("t_ms,rss_kb,cpu_ms,heap_used_kb,heap_live_kb\n-5000,102400,10,-1,-1\n0,204800,20,51200,10240\n")
        self.assertEqual(report.read_memory(path), [(-5.0, 100.0, 10, None, None), (0.0, 200.0, 20, 50.0, 10.0)])
        self.assertEqual(report.heap_note(report.read_memory(path)[1:], 10),
                         "10 MiB at the start, 10 at the end, trend +0.00 MiB/min (+0.00 over the second half)")

    def test_live_set_after_full_gcs(self):
        path = os.path.join(self.dir, "live.csv")
        with open(path, "w") as f:
            f.write("0,%d\n60,%d\n120,\n" % (32 * 1048576, 34 * 1048576))  # a sample jcmd could not take
        live = report.read_live(path)
        self.assertEqual(live, [(0, 32 * 1048576), (60, 34 * 1048576)])
        self.assertEqual(report.live_note(live), "**JVM live set after a full GC (jcmd GC.class_histogram): "
                                                 "32.0 MiB at 0 s, 34.0 MiB at 60 s; trend +2.00 MiB/min**")
        self.assertEqual(report.read_live(os.path.join(self.dir, "absent.csv")), [])
        self.assertEqual(report.live_note([]), "live set after a full GC not read")


class TrendTest(unittest.TestCase):

    def test_slope_in_units_per_minute(self):
        self.assertAlmostEqual(report.slope_per_minute([(0, 100), (60, 102), (120, 104)]), 2.0)
        self.assertEqual(report.slope_per_minute([(0, 100)]), 0.0)


if __name__ == "__main__":
    unittest.main()
