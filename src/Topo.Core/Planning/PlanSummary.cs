namespace Topo.Core.Planning;

/// <summary>
/// The counts of Terraform's summary line, by step: a replacement is one add and one destroy;
/// a re-creation of something another step destroys is one add.
/// </summary>
public sealed record PlanSummary(int Add, int Change, int Destroy)
{
    public static PlanSummary Of(Plan plan)
    {
        var replace = plan.Count(ChangeAction.Replace);
        return new PlanSummary(
            plan.Count(ChangeAction.Create) + replace,
            plan.Count(ChangeAction.Update),
            plan.Count(ChangeAction.Delete) + replace);
    }
}
