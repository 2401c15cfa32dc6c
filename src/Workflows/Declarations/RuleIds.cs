namespace PerfWorkflow.Workflows.Declarations;

/// <summary>The stable rule ids of the catalogue (docs/rules.md); the importer and the validator share these strings.</summary>
public static class RuleIds
{
    public const string RequiredField = "REQUIRED_FIELD";
    public const string TextTooLong = "TEXT_TOO_LONG";
    public const string CodeFormat = "CODE_FORMAT";
    public const string PolicyBasisNoDocument = "POLICY_BASIS_NO_DOCUMENT";
    public const string EnumValue = "ENUM_VALUE";
    public const string AmountInvalid = "AMOUNT_INVALID";
    public const string AmountBasisMismatch = "AMOUNT_BASIS_MISMATCH";
    public const string AmountBasisAmbiguous = "AMOUNT_BASIS_AMBIGUOUS";
    public const string CalcBasisNoAmounts = "CALC_BASIS_NO_AMOUNTS";
    public const string TotalTermMismatch = "TOTAL_TERM_MISMATCH";
    public const string AmountUnitSuspect = "AMOUNT_UNIT_SUSPECT";
    public const string IndicatorRequired = "INDICATOR_REQUIRED";
    public const string IndicatorIncomplete = "INDICATOR_INCOMPLETE";
    public const string IndicatorValueMalformed = "INDICATOR_VALUE_MALFORMED";
    public const string IndicatorValueVacuous = "INDICATOR_VALUE_VACUOUS";
    public const string IndicatorDirection = "INDICATOR_DIRECTION";
    public const string IndicatorUnitMissing = "INDICATOR_UNIT_MISSING";
    public const string IndicatorCategoryMismatch = "INDICATOR_CATEGORY_MISMATCH";
    public const string SatisfactionTarget = "SATISFACTION_TARGET";
    public const string IndicatorQuantifyAdvice = "INDICATOR_QUANTIFY_ADVICE";
    public const string CostUnitAdvice = "COST_UNIT_ADVICE";
    public const string NaRowInconsistent = "NA_ROW_INCONSISTENT";
    public const string TextNumberConflict = "TEXT_NUMBER_CONFLICT";
    public const string CountBelowFunded = "COUNT_BELOW_FUNDED";
    public const string DuplicateText = "DUPLICATE_TEXT";
    public const string PersonalData = "PERSONAL_DATA";
    public const string NewProjectInconsistent = "NEW_PROJECT_INCONSISTENT";
    public const string TextTruncated = "TEXT_TRUNCATED";
    public const string ImportOrphanText = "IMPORT_ORPHAN_TEXT";

    /// <summary>Every rule id with its catalogue severity, in catalogue order.</summary>
    public static IReadOnlyList<(string Rule, Severity Severity)> All { get; } =
    [
        (RequiredField, Severity.Error),
        (TextTooLong, Severity.Error),
        (CodeFormat, Severity.Error),
        (EnumValue, Severity.Error),
        (AmountInvalid, Severity.Error),
        (PolicyBasisNoDocument, Severity.Warning),
        (AmountBasisMismatch, Severity.Error),
        (AmountBasisAmbiguous, Severity.Warning),
        (CalcBasisNoAmounts, Severity.Warning),
        (TotalTermMismatch, Severity.Warning),
        (AmountUnitSuspect, Severity.Info),
        (IndicatorRequired, Severity.Error),
        (IndicatorIncomplete, Severity.Error),
        (IndicatorValueMalformed, Severity.Error),
        (IndicatorValueVacuous, Severity.Error),
        (IndicatorDirection, Severity.Warning),
        (IndicatorUnitMissing, Severity.Warning),
        (IndicatorCategoryMismatch, Severity.Warning),
        (SatisfactionTarget, Severity.Warning),
        (IndicatorQuantifyAdvice, Severity.Info),
        (CostUnitAdvice, Severity.Info),
        (NaRowInconsistent, Severity.Warning),
        (TextNumberConflict, Severity.Warning),
        (CountBelowFunded, Severity.Warning),
        (DuplicateText, Severity.Warning),
        (PersonalData, Severity.Error),
        (NewProjectInconsistent, Severity.Warning),
        (TextTruncated, Severity.Info),
        (ImportOrphanText, Severity.Warning),
    ];

    /// <summary>
    /// The catalogue severity of a rule id. CALC_BASIS_NO_AMOUNTS is listed as a warning and raised to an error by policy
    /// (<see cref="DeclarationRulesOptions.NoAmountsIsErrorFor"/>).
    /// </summary>
    public static Severity SeverityOf(string rule)
    {
        foreach (var (id, severity) in All)
        {
            if (id == rule)
            {
                return severity;
            }
        }
        throw new ArgumentException($"Unknown rule id '{rule}'.", nameof(rule));
    }
}
