"""The path of a snippet: fence (parse) -> runner (schedule, cache) -> worker (the child
process) -> cache; svg, palette and figure_checks for its figures, render for their HTML;
sandbox, processes, boundary and build_guard keep a build safe and honest."""
