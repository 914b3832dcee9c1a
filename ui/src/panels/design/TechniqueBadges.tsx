// The techniques a decision uses, named as its explanation names them.
import { TECHNIQUE_NAMES, type Technique } from "../../generated/types";

export function TechniqueBadges(props: { techniques: Technique[] | undefined }) {
  const techniques = props.techniques ?? [];
  if (techniques.length === 0) return null;
  return (
    <span className="techniques" aria-label="Techniques">
      {techniques.map((t) => (
        <span key={t} className="badge technique">
          {TECHNIQUE_NAMES[t]}
        </span>
      ))}
    </span>
  );
}
