/**
 * Inter-annotator agreement: span F1, token-level Cohen's kappa, Fleiss'
 * kappa and Krippendorff's alpha, and frame agreement, for the review view
 * and the CLI. `agreementReport` computes everything; the rest is exported
 * for views that show one measure or one pair's disagreements.
 */
export { agreementReport } from './report';
export type {
  AgreementDocument,
  AgreementMeasures,
  AgreementOptions,
  AgreementReport,
  AnnotatorLayer,
  Confusion,
  DocumentAgreement,
  FramePairAgreement,
  FrameAgreement,
  FrameAttributeAgreement,
  FrameMeasuresSummary,
  FrameTypeAgreement,
  LabelAgreement,
  MentionAgreement,
  MentionPairAgreement,
  TokenAgreement,
  TokenPairAgreement,
} from './report';
export { cohenKappa, cohenKappaOfPairs, fleissKappa, fleissKappaFromSums, type FleissSums } from './kappa';
export { krippendorffAlphaNominal, alphaNominalFromSums, type CoincidenceSums, type NominalValue } from './alpha';
export { matchMentions, prf, type MentionMatch, type PRF } from './spans';
export { groupFrames, matchFrames, normalizeTopic, resolveFiller, roleFillers, sameThing, commonFillers, UNSET, type AttributeAgreement, type FrameLayer, type ResolvedFiller, type RoleAgreement, type ValueConfusion } from './frames';
export { OUTSIDE, tokenLabels } from './tokens';
