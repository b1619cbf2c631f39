"""Pages of suppressed counts: the complex scan, the feedback report and reach per stairwell."""
