// Hangfire and MassTransit keep process-wide state; hosts in this assembly run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace PerfWorkflow.Tests
{
    internal static class ReviewNoticeDefault
    {
        /// <summary>
        /// The suites were written when every office user got each 【待审核】 mail at once; they keep that as the default
        /// of every host they start (child processes inherit it). The digest tests choose each user's mode themselves.
        /// </summary>
        [System.Runtime.CompilerServices.ModuleInitializer]
        internal static void Immediate() => Environment.SetEnvironmentVariable("ReviewDigests__DefaultMode", "Immediate");
    }
}
