// Every test makes its own ledger in its own temporary folder, so fixtures run side by side; the tests
// within a fixture still run one after another. Fixtures that must run alone say [NonParallelizable].
[assembly: Parallelizable(ParallelScope.Fixtures)]
[assembly: LevelOfParallelism(2)]
