export type { Prompt } from "~/content/plan-schema";
export type { Answer, AudienceView, FacilitatorView, ParticipantSnapshot } from "~/realtime/events";
