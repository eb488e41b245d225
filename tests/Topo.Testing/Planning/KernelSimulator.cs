using Topo.Core.Planning;
using Topo.Core.Kinds;
using Topo.Core.State;

namespace Topo.Testing.Planning;

/// <summary>
/// A toy kernel for property tests, written apart from the planner so that it checks the planner's
/// idea of what goes with what: deleting a namespace takes all in it (and veth pairs with an end in it),
/// deleting an interface takes its addresses and the routes through it, deleting an IPv4 address takes the
/// IPv4 routes through its gateway, the last IPv4 address on an interface the IPv4 routes out of it (IPv6 routes
/// outlive every address, as the kernel keeps them), and deleting a bridge only releases its ports. It refuses what a kernel
/// refuses: a name given twice, an object before what it needs, a change to something absent.
/// </summary>
public sealed class KernelSimulator(IEnumerable<Resource> initial)
{
    private readonly Dictionary<ResourceKey, Resource> _objects = initial.ToDictionary(r => r.Key);

    public IReadOnlyCollection<Resource> Objects => _objects.Values;

    public void Apply(Change step)
    {
        switch (step.Action)
        {
            case ChangeAction.Delete:
                Remove(Present(step.Before!));
                break;
            case ChangeAction.Replace:
                Remove(Present(step.Before!));
                Put(step.After!);
                break;
            case ChangeAction.Update:
                UpdateOnlyWhatItLists(Present(step.Before!), step);
                _objects.Remove(step.Before!.Key);
                Put(step.After!);
                break;
            // A route is written with replace: a re-creation of one that survived is harmless.
            default:
                if (step.Before is not null and not RouteResource && _objects.ContainsKey(step.Before.Key))
                {
                    throw new InvalidOperationException($"re-creation of {step.Before.Describe()}, which is still there");
                }

                Put(step.After!);
                break;
        }
    }

    public void Remove(Resource gone)
    {
        if (!_objects.Remove(gone.Key)) return;
        var names = Names(gone).ToHashSet();
        // The last IPv4 address on an interface takes the IPv4 routes out of it along.
        if (gone is AddressResource { IsV6: false } address && !_objects.Values.OfType<AddressResource>().Any(a => a.DeviceKey == address.DeviceKey && !a.IsV6))
            names.Add(AddressResource.FootingOf(address.Ns, address.Device));
        var nsKey = gone is NamespaceResource ns ? ns.Name : null;
        foreach (var key in _objects.Keys.ToList())
        {
            // An earlier removal in this loop may have taken or released it already.
            if (!_objects.TryGetValue(key, out var other)) continue;
            if (Lives(other, nsKey) || Uses(other, names)) Remove(other);
            else if (other is VethResource veth && (Released(veth.A, names) || Released(veth.B, names)))
            {
                _objects[veth.Key] = VethResource.Of(Release(veth.A, names), Release(veth.B, names)) with { Owner = veth.Owner };
            }
        }
    }

    private static bool Lives(Resource r, string? ns) =>
        ns is not null && r is not NamespaceResource &&
        (r.Key.Namespace == ns || (r is VethResource v && (v.A.Namespace == ns || v.B.Namespace == ns)));

    private static bool Uses(Resource r, HashSet<ResourceKey> names) => r switch
    {
        AddressResource a => names.Contains(a.DeviceKey),
        RouteResource route => (route.Device is { } dev && (names.Contains(new ResourceKey(ResourceKind.Link, route.Ns, dev)) || (!route.IsV6 && names.Contains(AddressResource.FootingOf(route.Ns, dev))))) ||
                               (!route.IsV6 && route.GatewayAddress is { } gw && names.Contains(gw)),
        _ => false,
    };

    private static bool Released(LinkEnd end, HashSet<ResourceKey> names) =>
        end.Master is not null && names.Contains(new ResourceKey(ResourceKind.Link, end.Namespace, end.Master));

    private static LinkEnd Release(LinkEnd end, HashSet<ResourceKey> names) => Released(end, names) ? end with { Master = null } : end;

    private static IEnumerable<ResourceKey> Names(Resource r) => [r.Key, .. r.ExtraClaims];

    private Resource Present(Resource r) =>
        _objects.TryGetValue(r.Key, out var held) ? held : throw new InvalidOperationException($"{r.Describe()} is not there");

    /// <summary>An update sets the attributes it lists, from the values it says they have; the rest must be right already.</summary>
    private static void UpdateOnlyWhatItLists(Resource held, Change step)
    {
        var now = held.Attributes.ToDictionary(a => a.Name, a => a.Value);
        foreach (var want in step.After!.Attributes.Where(a => a.Value is not null))
        {
            var listed = step.Attrs.FirstOrDefault(c => c.Name == want.Name);
            var expected = listed is null ? want.Value : listed.Old;
            if (now.GetValueOrDefault(want.Name) != expected)
            {
                throw new InvalidOperationException($"update of {held.Describe()}: {want.Name} is {now.GetValueOrDefault(want.Name) ?? "unset"}, not {expected ?? "unset"}");
            }
        }
    }

    private void Put(Resource r)
    {
        var held = _objects.Values.SelectMany(Names).ToHashSet();
        var taken = Names(r).FirstOrDefault(held.Contains);
        if (taken != default) throw new InvalidOperationException($"{r.Describe()}: {taken} exists");
        var missing = r.Dependencies.FirstOrDefault(d => !held.Contains(d));
        if (missing != default) throw new InvalidOperationException($"{r.Describe()} before {missing}");
        _objects[r.Key] = r;
    }
}
