using System.Collections.Immutable;
using Topo.Core.Kinds;
using Topo.Core.Model;
using Topo.Core.Parsing;

namespace Topo.Core.Validation;

/// <summary>
/// Each link's <c>conditions:</c> to one qdisc per end that has any: the link's own settings for every end, an end's
/// own over them key by key. A jitter needs a delay to vary around; an end's settings must name an end of the link.
/// </summary>
internal static class ConditionRules
{
    public static ImmutableArray<QdiscResource> Build(ImmutableArray<ResolvedLink> links, ImmutableArray<ResolvedDevice> devices, Problems problems)
    {
        var qdiscs = ImmutableArray.CreateBuilder<QdiscResource>();
        foreach (var link in links.Where(l => !l.Spec.Conditions.IsEmpty))
            qdiscs.AddRange(Ends(link.Spec.Conditions, $"{link.Path}.conditions", [link.A, link.B], link.NotAnEnd, problems));
        foreach (var device in devices.Where(d => !d.Spec.Conditions.IsEmpty))
            qdiscs.AddRange(Ends(device.Spec.Conditions, $"{device.Path}.conditions", [device.Device], device.NotTheEndpoint, problems));
        return qdiscs.ToImmutable();
    }

    private static IEnumerable<QdiscResource> Ends(ConditionsSpec spec, string path, Endpoint[] ends, Func<string, string> notAnEnd, Problems problems)
    {
        foreach (var own in spec.Ends.Where(e => ends.All(end => end.Text != e.Endpoint.Value)))
            problems.Add(own.Endpoint.Mark, $"{path}['{own.Endpoint.Value}']", notAnEnd(own.Endpoint.Value));

        var result = new List<QdiscResource>();
        var told = new HashSet<Diagnostic>();
        foreach (var end in ends)
        {
            var own = spec.Ends.FirstOrDefault(e => e.Endpoint.Value == end.Text);
            var settings = spec.Whole.Where(w => own is null || own.Settings.All(o => o.Key.Value != w.Key.Value))
                .Select(s => (Setting: s, Path: DocumentPath.Key(path, s.Key.Value)))
                .Concat(own?.Settings.Select(s => (Setting: s, Path: DocumentPath.Key($"{path}['{end.Text}']", s.Key.Value))) ?? [])
                .ToList();
            if (Read(settings, told, problems) is { IsEmpty: false } conditions && end.Name is not null)
                result.Add(new QdiscResource(end.Ns, end.Name, conditions));
        }

        return result;
    }

    // The settings of one end to its conditions; null when any is wrong. A link-wide mistake is told once, at the first end.
    private static Conditions? Read(List<(ConditionSetting Setting, string Path)> settings, HashSet<Diagnostic> told, Problems problems)
    {
        var local = new Problems();
        (ConditionSetting Setting, string Path)? Find(string key)
        {
            foreach (var s in settings) if (s.Setting.Key.Value == key) return s;
            return null;
        }

        long? TimeOf(string key) => Find(key) is { } s ? ConditionValues.Time(s.Setting.Value, s.Path, local) : 0;
        uint? PercentOf(string key) => Find(key) is { } s ? ConditionValues.Percent(s.Setting.Value, s.Path, local) : 0;
        var delay = TimeOf("delay");
        var jitter = TimeOf("jitter");
        var loss = PercentOf("loss");
        var duplicate = PercentOf("duplicate");
        var corrupt = PercentOf("corrupt");
        var rate = Find("rate") is { } r ? ConditionValues.Rate(r.Setting.Value, r.Path, local) : 0;
        if (jitter > 0 && delay == 0 && Find("jitter") is { } j)
            local.Add(j.Setting.Key.Mark, j.Path, $"jitter {j.Setting.Value.Value} needs a delay to vary around (add delay: to the same conditions)");
        foreach (var d in local.Sorted().Where(told.Add)) problems.Add(d.Mark, d.Path, d.Message);
        return local.Any || delay is null || jitter is null || loss is null || duplicate is null || corrupt is null || rate is null
            ? null
            : new Conditions(delay.Value, jitter.Value, loss.Value, duplicate.Value, corrupt.Value, rate.Value);
    }
}
