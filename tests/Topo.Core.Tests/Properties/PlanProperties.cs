using Topo.Cli.Output;
using Topo.Core.Planning;
using Topo.Core.Kinds;
using Topo.Core.State;
using Topo.Testing.Planning;

namespace Topo.Core.Tests.Properties;

public sealed class PlanProperties
{
    [Fact]
    public void From_empty_every_resource_is_created_once_and_never_before_its_dependencies() => GeneratedLabs.ForEach(lab =>
    {
        var desired = lab.Valid().Desired;

        var result = Planner.Plan(desired, LabState.Empty(desired.Lab));

        Assert.Empty(result.Conflicts);
        var steps = result.Plan.Steps;
        Assert.All(steps, s => Assert.Equal(ChangeAction.Create, s.Action));
        Assert.Equal(desired.Resources.Select(r => r.Key).Order(), steps.Select(s => s.Key).Order());
        Assert.Equal(steps.Length, steps.Select(s => s.Key).Distinct().Count());

        // A veth pair claims both its ends: an address on the second end waits for the pair.
        var madeAt = new Dictionary<ResourceKey, int>();
        for (var i = 0; i < steps.Length; i++)
            foreach (var claim in new[] { steps[i].Key }.Concat(steps[i].Subject.ExtraClaims)) madeAt[claim] = i;
        for (var i = 0; i < steps.Length; i++)
        {
            foreach (var need in steps[i].Subject.Dependencies)
                if (madeAt.TryGetValue(need, out var at))
                    Assert.True(at < i, $"step {i} ({steps[i].Subject.Describe()}) comes before step {at}, which makes {need}");
        }
    });

    [Fact]
    public void The_desired_state_holds_everything_it_depends_on() => GeneratedLabs.ForEach(lab =>
    {
        var desired = lab.Valid().Desired;
        var claimed = desired.Resources.SelectMany(r => new[] { r.Key }.Concat(r.ExtraClaims)).ToHashSet();

        var missing = desired.Resources.SelectMany(r => r.Dependencies.Where(d => !claimed.Contains(d)).Select(d => $"{r.Describe()} needs {d}"));

        Assert.Empty(missing);
    });

    [Fact]
    public void A_lab_planned_against_itself_needs_nothing() => GeneratedLabs.ForEach(lab =>
    {
        var desired = lab.Valid().Desired;

        var result = Planner.Plan(desired, desired);

        Assert.Empty(result.Conflicts);
        Assert.True(result.Plan.IsEmpty, PlanText.Render(result.Plan));
    });

    [Fact]
    public void A_lab_planned_against_itself_as_the_kernel_reads_it_back_needs_nothing() => GeneratedLabs.ForEach(lab =>
    {
        var desired = lab.Valid().Desired;

        var result = Planner.Plan(desired, ReadBack.Of(desired));

        Assert.Empty(result.Conflicts);
        Assert.True(result.Plan.IsEmpty, PlanText.Render(result.Plan));
    });

    [Fact]
    public void Down_of_the_lab_as_the_kernel_reads_it_back_leaves_nothing() => GeneratedLabs.ForEach(lab =>
    {
        var applied = ReadBack.Of(lab.Valid().Desired);
        var kernel = new KernelSimulator(applied.Resources);

        foreach (var step in Planner.Plan(LabState.Empty(applied.Lab), applied).Plan.Steps) kernel.Apply(step);

        Assert.Empty(kernel.Objects);
    });

    [Fact]
    public void Adding_or_removing_the_ipv6_subnets_takes_one_plan_against_the_lab_as_read_back()
    {
        var exercised = 0;
        GeneratedLabs.ForEach(lab =>
        {
            if (DraftChanges.Ipv4Only(lab.Draft).IsEmpty) return;
            exercised++;
            var ipv4 = lab.Valid().Desired;
            var dual = GeneratedLab.From(lab.Seed, DraftChanges.WithIpv6Subnets(lab.Draft)).Valid().Desired;

            foreach (var (from, to) in new[] { (ipv4, dual), (dual, ipv4) })
            {
                var applied = ReadBack.Of(from);
                var kernel = new KernelSimulator(applied.Resources);
                foreach (var step in Planner.Plan(to, applied).Plan.Steps) kernel.Apply(step);

                // As apply verifies: read again, plan again.
                var again = Planner.Plan(to, ReadBack.Of(new LabState(to.Lab, [.. kernel.Objects]))).Plan;
                Assert.True(again.IsEmpty, PlanText.Render(again));
            }
        });

        Assert.True(exercised >= GeneratedLabs.Cases / 4, $"only {exercised} labs had an IPv4-only subnet bridge");
    }

    [Fact]
    public void Loading_the_same_text_twice_gives_the_same_plan() => GeneratedLabs.ForEach(lab =>
    {
        var first = Planner.Plan(lab.Valid().Desired, LabState.Empty(lab.Draft.Name)).Plan;
        var second = Planner.Plan(lab.Valid().Desired, LabState.Empty(lab.Draft.Name)).Plan;

        Assert.Equal(PlanText.Render(first), PlanText.Render(second));
        Assert.Equal(PlanJson.Write(first), PlanJson.Write(second));
    });

    [Fact]
    public void Applying_the_plan_from_empty_leaves_nothing_to_do_and_down_leaves_nothing() => GeneratedLabs.ForEach(lab =>
    {
        var desired = lab.Valid().Desired;
        var kernel = new KernelSimulator([]);

        foreach (var step in Planner.Plan(desired, LabState.Empty(desired.Lab)).Plan.Steps) kernel.Apply(step);

        var applied = new LabState(desired.Lab, [.. kernel.Objects]);
        Assert.True(Planner.Plan(desired, applied).Plan.IsEmpty);
        foreach (var step in Planner.Plan(LabState.Empty(desired.Lab), applied).Plan.Steps) kernel.Apply(step);
        Assert.Empty(kernel.Objects);
    });
}
