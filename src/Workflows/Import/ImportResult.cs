using PerfWorkflow.Workflows.Declarations;

namespace PerfWorkflow.Workflows.Import;

/// <summary>A block of the source that could not be read; <see cref="Line"/> is 1-based, 0 when the whole input is at fault.</summary>
public sealed record ImportError(int Line, string Message);

/// <summary>One imported form with the findings the import itself produced (AMOUNT_UNIT_SUSPECT, IMPORT_ORPHAN_TEXT).</summary>
public sealed record ImportedForm(DeclarationForm Form, int Line, IReadOnlyList<Finding> Findings);

/// <summary>What an import produced: the forms it could read and an error per block (or input) it could not.</summary>
public sealed record ImportResult(IReadOnlyList<ImportedForm> Forms, IReadOnlyList<ImportError> Errors)
{
    /// <summary>True when nothing at all could be read from the input.</summary>
    public bool NothingRead => Forms.Count == 0;

    public static ImportResult Failed(string message) => new([], [new ImportError(0, message)]);
}
