// Generated from the server's OpenAPI document by scripts/api-types.mjs
// (`npm run gen:api`). Do not edit by hand.

export interface paths {
    "/api/v1/agent-state": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's agent state. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AgentState"];
                    };
                };
            };
        };
        /** Sets the caller's agent state (ready, busy, after_call_work, away). */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["AgentStateChange"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AgentState"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agent-states": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every agent's current state (supervisors). */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AgentState"][];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agent-states/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One agent's state changes, newest first (supervisors). */
        get: {
            parameters: {
                query?: {
                    /** @description From this time (UTC), newest first. */
                    from?: string;
                    limit?: number;
                    /** @description Whose history (supervisors); the caller's own when left out. */
                    user_id?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AgentState"][];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/appointments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    patient_id?: number;
                    session_id?: number;
                    status?: components["schemas"]["AppointmentStatus"];
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Appointment"][];
                    };
                };
            };
        };
        put?: never;
        /** Hold a number for a patient (or book at once with `confirm`). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["HoldRequest"];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Appointment"];
                    };
                };
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/appointments/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CancelRequest"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Appointment"];
                    };
                };
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/appointments/{id}/check-in": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Appointment"];
                    };
                };
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/appointments/{id}/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Appointment"];
                    };
                };
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/appointments/{id}/reschedule": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move to another session or number, atomically. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RescheduleRequest"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Appointment"];
                    };
                };
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/appointments/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiKeyInfo"][];
                    };
                };
            };
        };
        put?: never;
        /** Create a key for the public booking API; the key is shown only here. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["NewApiKey"];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiKeyInfo"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/appointments/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["UpdateApiKey"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiKeyInfo"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/appointments/blocks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Block"][];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/appointments/blocks/{id}/lift": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Lift a block early; the reason is kept. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["LiftRequest"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Block"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/appointments/expert-timetable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The expert clinic timetable (专家门诊时间表). */
        get: {
            parameters: {
                query?: {
                    from?: string;
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TimetableEntry"][];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/appointments/generate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Generate sessions and slots from the templates for a range of dates
         *     (holidays skipped; idempotent).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["GenerateRequest"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ScheduleGenerateResult"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/appointments/holidays": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Holiday"][];
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["HolidayInput"];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Holiday"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/appointments/notices/{id}/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ResolveRequest"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Notice"];
                    };
                };
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/appointments/patients/{id}/record": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A patient's cancellations, no-shows and blocks. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PatientRecord"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/appointments/reports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Bookings per channel, no-show rate and slot use over a date range. */
        get: {
            parameters: {
                query?: {
                    department_id?: number;
                    from?: string;
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Report"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/appointments/reports/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The same report as an Excel workbook. */
        get: {
            parameters: {
                query?: {
                    department_id?: number;
                    from?: string;
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description xlsx workbook */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": unknown;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/appointments/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Sessions by date, doctor or department, with free numbers. */
        get: {
            parameters: {
                query?: {
                    department_id?: number;
                    doctor_id?: number;
                    expert_only?: boolean;
                    from?: string;
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Session"][];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/appointments/sessions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SessionDetail"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/appointments/sessions/{id}/notices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The suspension notices of a session with each SMS's status. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Notice"][];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/appointments/sessions/{id}/suspend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Suspend a session (停诊): every booked patient gets an SMS with a
         *     rebooking offer; each appointment gets a notice to resolve.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["SuspendRequest"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SuspendResult"];
                    };
                };
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/appointments/sessions/{id}/waitlist": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WaitEntry"][];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/appointments/templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ScheduleTemplate"][];
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ScheduleTemplateInput"];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ScheduleTemplate"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/appointments/templates/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ScheduleTemplateInput"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ScheduleTemplate"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/appointments/waitlist": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["JoinRequest"];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WaitEntry"];
                    };
                };
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/appointments/waitlist/{id}/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The patient accepts the number offered to them. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Appointment"];
                    };
                };
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search the audit log of the caller's hospital (admins and auditors). */
        get: {
            parameters: {
                query?: {
                    /**
                     * @description Text, not [`AuditAction`]: the log keeps the actions of earlier
                     *     versions, and they stay searchable.
                     */
                    action?: string;
                    /** @description Inclusive start, UTC (`2026-11-01T00:00:00`). */
                    from?: string;
                    page?: number;
                    patient_id?: number;
                    per_page?: number;
                    /** @description Exclusive end, UTC. */
                    to?: string;
                    username?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Page_AuditEntry"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in with a username and password; answers an opaque bearer token. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["LoginRequest"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LoginResponse"];
                    };
                };
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description locked after repeated failures */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description too many attempts */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End the current session. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in user, with the permissions the UI builds its menu from. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CurrentUser"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change one's own password; other sessions of the user end. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ChangePasswordRequest"];
                };
            };
            responses: {
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/calls/{uuid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    uuid: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CallRecord"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        /**
         * Creates the call or records its progress (answer, end, disposition,
         *     linked patient or task). Idempotent by the desktop's call UUID.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    uuid: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CallUpsert"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CallRecord"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/calls/{uuid}/recording": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Where a recording upload stands. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    uuid: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RecordingStatus"];
                    };
                };
            };
        };
        /**
         * One chunk of a recording: the raw bytes, placed by
         *     `Content-Range: bytes <first>-<last>/<size>`; `<first>` must be the
         *     server's `received` (409 otherwise). The last chunk is verified by
         *     SHA-256: a mismatch answers 422 and the upload restarts from 0.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    uuid: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/octet-stream": number[];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RecordingStatus"];
                    };
                };
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        /**
         * Announces a recording upload (size and SHA-256) or resumes one: the
         *     answer's `received` is the offset to send next.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    uuid: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RecordingStart"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RecordingStatus"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/calls/{uuid}/recording/play": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Plays a recording: permitted roles (`recording.play`) or the agent who
         *     made the call. Audited; answers a short-lived URL that streams with
         *     range requests.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    uuid: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RecordingPlay"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/calls/dial-target": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The full number behind one of a patient's masked phones, for the
         *     desktop softphone to dial; audited (`patient.dial`).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["DialTargetRequest"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DialTarget"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/departments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Departments of the caller's hospital (every signed-in user needs them for
         *     pickers and labels).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Department"][];
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["NewDepartment"];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Department"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/departments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["UpdateDepartment"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Department"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/evaluations/counter": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The counter page: the caller's window, its device status and the
         *     caller's ratings today.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The window; default the one the caller is bound to. */
                    window_id?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CounterView"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/evaluations/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The statistics and every rating as an Excel workbook with a chart. */
        get: {
            parameters: {
                query?: {
                    clerk_id?: number;
                    department_id?: number;
                    /** @description From this day (local date, inclusive); default 30 days ago. */
                    from?: string;
                    /** @description Only ratings at or below this score. */
                    max_score?: number;
                    page?: number;
                    per_page?: number;
                    /** @description To this day (local date, inclusive); default today. */
                    to?: string;
                    window_id?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": number[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/evaluations/heartbeats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A device heartbeat forwarded by the reader, with the line's counters. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["DeviceHeartbeat"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EvaluationWindow"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/evaluations/ratings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Ratings by window, clerk, department and time, newest first. */
        get: {
            parameters: {
                query?: {
                    clerk_id?: number;
                    department_id?: number;
                    /** @description From this day (local date, inclusive); default 30 days ago. */
                    from?: string;
                    /** @description Only ratings at or below this score. */
                    max_score?: number;
                    page?: number;
                    per_page?: number;
                    /** @description To this day (local date, inclusive); default today. */
                    to?: string;
                    window_id?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Page_Rating"];
                    };
                };
            };
        };
        put?: never;
        /**
         * A key press forwarded by a counter PC's reader. Idempotent on
         *     (device_id, event_seq): 201 when stored now, 200 with the stored rating
         *     when it was already there. The reader marks the event forwarded only
         *     after either answer.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["NewRating"];
                };
            };
            responses: {
                /** @description already stored */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Rating"];
                    };
                };
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Rating"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/evaluations/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    clerk_id?: number;
                    department_id?: number;
                    /** @description From this day (local date, inclusive); default 30 days ago. */
                    from?: string;
                    /** @description Only ratings at or below this score. */
                    max_score?: number;
                    page?: number;
                    per_page?: number;
                    /** @description To this day (local date, inclusive); default today. */
                    to?: string;
                    window_id?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EvaluationStats"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/evaluations/windows": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Counter windows with their device and its last heartbeat. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EvaluationWindow"][];
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["NewEvaluationWindow"];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EvaluationWindow"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/evaluations/windows/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["UpdateEvaluationWindow"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EvaluationWindow"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/feedback/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Ticket and inquiry statistics for a period (department-scoped like the
         *     tickets).
         */
        get: {
            parameters: {
                query?: {
                    /** @description First local day (YYYY-MM-DD); default 365 days before `to`. */
                    from?: string;
                    /** @description Last local day, included; default today. */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["FeedbackStats"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/feedback/stats/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The same statistics as an Excel workbook, one sheet per table. */
        get: {
            parameters: {
                query?: {
                    /** @description First local day (YYYY-MM-DD); default 365 days before `to`. */
                    from?: string;
                    /** @description Last local day, included; default today. */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description xlsx workbook */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": unknown;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/feedback/templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Content templates for common cases. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["FeedbackTemplate"][];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/feedback/tickets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    department_id?: number;
                    kind?: components["schemas"]["TicketKind"];
                    /** @description Only tickets with a missed deadline. */
                    overdue?: boolean;
                    page?: number;
                    patient_id?: number;
                    per_page?: number;
                    status?: components["schemas"]["TicketStatus"];
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Page_Ticket"];
                    };
                };
            };
        };
        put?: never;
        /** Opens a ticket; the anonymous submitter's code is in the answer once. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["NewTicket"];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Created"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/feedback/tickets/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TicketDetail"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/feedback/tickets/{id}/comments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CommentRequest"];
                };
            };
            responses: {
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/feedback/tickets/{id}/compensation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Proposes a compensation; the ticket cannot be resolved until it is decided. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CompensationRequest"];
                };
            };
            responses: {
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/feedback/tickets/{id}/compensation/decision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["DecisionRequest"];
                };
            };
            responses: {
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/feedback/tickets/{id}/replies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Replies to the submitter by SMS or phone; shown on the progress page. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ReplyRequest"];
                };
            };
            responses: {
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/feedback/tickets/{id}/route": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Routes (转办) the ticket to a department; allowed from any open status. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RouteRequest"];
                };
            };
            responses: {
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/feedback/tickets/{id}/satisfaction": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Records the submitter's satisfaction with the handling (回访满意度). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["SatisfactionRequest"];
                };
            };
            responses: {
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/feedback/tickets/{id}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["StatusRequest"];
                };
            };
            responses: {
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/followup/assign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Assigns the unassigned open tasks in reach: by count or by department. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["AssignRequest"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AssignResult"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/followup/assignees": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** People the caller may assign tasks to (managers: their department). */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Assignee"][];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/followup/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Follow-up records as .xlsx, with the task list's filters (a research
         *     rule's results: `rule_id=..&status=all`).
         */
        get: {
            parameters: {
                query?: {
                    assignee_id?: number;
                    department_id?: number;
                    /** @description Open tasks due by the end of today (local), retries included. */
                    due_today?: boolean;
                    kind?: components["schemas"]["TaskKind"];
                    /** @description Only tasks assigned to me. */
                    mine?: boolean;
                    /** @description Open tasks past their window. */
                    overdue?: boolean;
                    page?: number;
                    patient_id?: number;
                    per_page?: number;
                    rule_id?: number;
                    /** @description `open` (default), `all`, or one status. */
                    status?: components["schemas"]["TaskStatusFilter"];
                    /** @description Only tasks nobody has. */
                    unassigned?: boolean;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an .xlsx workbook */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": unknown;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/followup/generate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Runs every generator now (the hourly job does the same). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TaskGenerateResult"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/followup/plans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Plan"][];
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PlanInput"];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Plan"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/followup/plans/{id}/patients": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PlanPatients"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Plan"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/followup/revisits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sets a revisit due date: an SMS the day before, a task if no booking follows. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["NewRevisit"];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Revisit"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/followup/rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Rule"][];
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RuleInput"];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Rule"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/followup/rules/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RuleInput"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Rule"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/followup/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["FollowupSettings"];
                    };
                };
            };
        };
        /** The working mode and retry policy are hospital configuration. */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["FollowupSettings"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["FollowupSettings"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/followup/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Workload, coverage, contact rate and monthly trend; managers see their
         *     own department.
         */
        get: {
            parameters: {
                query?: {
                    department_id?: number;
                    /** @description First local day (default: the first day of the month five months ago). */
                    from?: string;
                    /** @description Last local day, inclusive (default: today). */
                    to?: string;
                    /** @description For the export: one sheet, or all of them (default). */
                    which?: components["schemas"]["StatsSheet"];
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["FollowupStats"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/followup/stats/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The statistics as .xlsx: a data sheet and a chart sheet per statistic. */
        get: {
            parameters: {
                query?: {
                    department_id?: number;
                    /** @description First local day (default: the first day of the month five months ago). */
                    from?: string;
                    /** @description Last local day, inclusive (default: today). */
                    to?: string;
                    /** @description For the export: one sheet, or all of them (default). */
                    which?: components["schemas"]["StatsSheet"];
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an .xlsx workbook */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": unknown;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/followup/tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Tasks in the caller's reach (centralised / ward mode, department,
         *     assigned-only for doctors), with filters.
         */
        get: {
            parameters: {
                query?: {
                    assignee_id?: number;
                    department_id?: number;
                    /** @description Open tasks due by the end of today (local), retries included. */
                    due_today?: boolean;
                    kind?: components["schemas"]["TaskKind"];
                    /** @description Only tasks assigned to me. */
                    mine?: boolean;
                    /** @description Open tasks past their window. */
                    overdue?: boolean;
                    page?: number;
                    patient_id?: number;
                    per_page?: number;
                    rule_id?: number;
                    /** @description `open` (default), `all`, or one status. */
                    status?: components["schemas"]["TaskStatusFilter"];
                    /** @description Only tasks nobody has. */
                    unassigned?: boolean;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Page_Task"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/followup/tasks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The follow-up screen of one task; out of reach answers 404. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TaskDetail"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/followup/tasks/{id}/assign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["Reassign"];
                };
            };
            responses: {
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/followup/tasks/{id}/next": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The open task after this one in queue order (due time, priority, id),
         *     for "next task": the walk only goes forward.
         */
        get: {
            parameters: {
                query?: {
                    /** @description Walk my own tasks first; the rest of my reach when they run out. */
                    mine?: boolean;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["NextTask"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/followup/tasks/{id}/outcome": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RecordOutcome"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Task"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/followup/visits/{id}/flag": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A doctor flags a visit for follow-up (the patient card's visit list). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["FlagVisit"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Flagged"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hl7/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Inbox messages, newest first. */
        get: {
            parameters: {
                query?: {
                    /** @description MSH-10, exact. */
                    control_id?: string;
                    /** @description "A01" or "ADT^A01". */
                    event?: string;
                    /** @description Received on or after this day (UTC). */
                    from?: string;
                    mrn?: string;
                    page?: number;
                    per_page?: number;
                    status?: components["schemas"]["Hl7Status"];
                    /** @description Received on or before this day (UTC). */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Page_Hl7Message"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hl7/messages/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One message with its raw text and ACK (patient data: the read is audited). */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Hl7MessageDetail"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hl7/messages/{id}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Processes a stored message again (after the cause of its error was
         *     fixed); the row gets the new status and ACK.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Hl7MessageDetail"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Recent imports of the hospital. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ImportBatch"][];
                    };
                };
            };
        };
        put?: never;
        /**
         * Uploads a file and starts its preview (nothing is imported yet). The
         *     same file imported before answers 200 with that batch, `duplicate` set.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["NewImport"];
                };
            };
            responses: {
                /** @description this file was imported before */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ImportBatch"];
                    };
                };
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ImportBatch"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/imports/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A batch: status, progress (processed/total), row errors, sample rows. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ImportBatch"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/imports/{id}/commit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Imports a previewed batch: `all_or_nothing` (refused while any row has
         *     an error) or `good_rows`. Runs in the background; poll the batch.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CommitImport"];
                };
            };
            responses: {
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ImportBatch"];
                    };
                };
                /** @description not previewed, or errors with all_or_nothing */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/imports/{id}/error-file": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The bad rows of a batch as an .xlsx with an error column. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an .xlsx file */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/imports/template": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The .xlsx template of an import kind. */
        get: {
            parameters: {
                query?: {
                    kind?: components["schemas"]["ImportKind"];
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an .xlsx file */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/inquiries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Logs an inquiry call with its topic. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["NewInquiry"];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Logged"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Jobs of the caller's hospital, newest first. */
        get: {
            parameters: {
                query?: {
                    kind?: string;
                    page?: number;
                    per_page?: number;
                    status?: components["schemas"]["JobStatus"];
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Page_Job"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/jobs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One job with its attempts. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["JobDetail"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/jobs/{id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Gives a dead job a fresh set of attempts, due now. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Job"];
                    };
                };
                /** @description not dead */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/jobs/{id}/run-now": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Makes a pending or finished job due now. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Job"];
                    };
                };
                /** @description running or dead */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/kiosk/questionnaire": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What the kiosk shows: its questionnaire's current version. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PublicQuestionnaire"];
                    };
                };
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/kiosk/responses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A kiosk answer sheet (no patient, the kiosk's department). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PublicAnswers"];
                };
            };
            responses: {
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/knowledge/articles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    category?: string;
                    /** @description Latest version status. */
                    status?: components["schemas"]["KbVersionStatus"];
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Article"][];
                    };
                };
            };
        };
        put?: never;
        /** A new article, as draft version 1. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ArticleInput"];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ArticleDetail"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/knowledge/articles/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ArticleDetail"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        /** Edits the draft, or starts a new draft version after a published one. */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ArticleInput"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ArticleDetail"];
                    };
                };
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/knowledge/articles/{id}/review": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approves (publishes) or rejects the pending version. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ReviewRequest"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ArticleDetail"];
                    };
                };
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/knowledge/articles/{id}/submit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ArticleDetail"];
                    };
                };
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/knowledge/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Full-text search of published articles: Chinese substrings, words,
         *     digits and pinyin initials; ranked and highlighted.
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    q?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SearchHit"][];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/lookup/expert-timetable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The expert clinic timetable (from the appointment schedules; empty
         *     until they are wired in).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/lookup/import/{what}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Imports the HIS export: `inpatients` (科室, 住院号, 姓名, 床号, 入院日期,
         *     诊断) or `surgeries` (日期, 科室, 住院号, 姓名, 手术名称, 手术间, 时间).
         *     All rows are checked first; a bad row names its row and column and
         *     nothing is stored.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    what: components["schemas"]["LookupImport"];
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ImportRequest"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ImportResult"];
                    };
                };
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/lookup/inpatients": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** In-hospital patients imported from the HIS (department-scoped, audited). */
        get: {
            parameters: {
                query?: {
                    /** @description Surgeries on this date (YYYY-MM-DD). */
                    date?: string;
                    /** @description Name, MRN or bed. */
                    q?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Inpatient"][];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/lookup/items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Lookup items by kind: drug, directory, clinic, lab, exam (staff needs
         *     the address-book permission).
         */
        get: {
            parameters: {
                query?: {
                    kind?: components["schemas"]["LookupKind"];
                    q?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LookupItem"][];
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["LookupItem"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LookupItem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/lookup/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The inquiry screen's instant search across articles and lookup data
         *     (the staff address book only with its permission).
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    q?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LookupResults"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/lookup/staff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The staff address book (restricted). */
        get: {
            parameters: {
                query?: {
                    kind?: components["schemas"]["LookupKind"];
                    q?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LookupItem"][];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/lookup/surgeries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Surgery schedules imported from the HIS (department-scoped, audited). */
        get: {
            parameters: {
                query?: {
                    /** @description Surgeries on this date (YYYY-MM-DD). */
                    date?: string;
                    /** @description Name, MRN or bed. */
                    q?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Surgery"][];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's own notifications, newest first. */
        get: {
            parameters: {
                query?: {
                    page?: number;
                    per_page?: number;
                    /** @description Only unread ones. */
                    unread?: boolean;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Page_Notification"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Sends an alert or reminder to a user or to every user of a role in the
         *     caller's hospital, now or at `at`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["NewNotification"];
                };
            };
            responses: {
                /** @description stored, or scheduled when `at` is given */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/{id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnreadCount"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/read-all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnreadCount"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/unread-count": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnreadCount"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/patients": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search patients by name, pinyin initials, phone, resident ID or MRN.
         *     Phone and ID numbers come back masked.
         */
        get: {
            parameters: {
                query?: {
                    page?: number;
                    per_page?: number;
                    /** @description Name (or its start), pinyin initials, phone, resident ID or MRN. */
                    q?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Page_PatientSummary"];
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["NewPatient"];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PatientDetail"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/patients/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The patient card: identity (masked), visits, contact log. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PatientCard"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["UpdatePatient"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PatientDetail"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/patients/{id}/calls": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The patient card's call history, newest first (remote numbers masked). */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CallRecord"][];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/patients/{id}/contacts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["NewContact"];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Contact"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/patients/{id}/phones": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Adds a caller's number to a patient ("link to patient" from the
         *     screen-pop of an unknown number); answers the screen-pop for it.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["LinkNumber"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ScreenPopResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/patients/{id}/reveal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Show the full phone numbers or resident ID; audited. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RevealRequest"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RevealResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/patients/{id}/survey-responses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A patient's answer sheets with their scores (the patient card's panel). */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PatientResponse"][];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/patients/{id}/visits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Visit"][];
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["NewVisit"];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Visit"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/appointments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Appointment"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/appointments/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CancelRequest"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Appointment"];
                    };
                };
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/appointments/{id}/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Appointment"];
                    };
                };
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/feedback/progress": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The anonymous submitter's progress page (no sign-in): ticket number and
         *     code. A wrong code answers 404 like an unknown number; checks are
         *     limited per client address.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ProgressRequest"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Progress"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/feedback/tickets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The public web form (no sign-in): a complaint, praise or suggestion,
         *     real-name or anonymous. Answers the ticket number and the progress code
         *     for the progress page (shown once). Limited per client address.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["WebFormTicket"];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Created"];
                    };
                };
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/holds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Hold (or with `confirm`, book) a number. Errors: `not_released`,
         *     `session_full`, `slot_taken`, `duplicate_hold`, `quota_exhausted`,
         *     `blocked` (no-shows), `identity_mismatch`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PublicHoldRequest"];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Appointment"];
                    };
                };
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    department_id?: number;
                    doctor_id?: number;
                    expert_only?: boolean;
                    from?: string;
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Session"][];
                    };
                };
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/sessions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SessionDetail"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/surveys/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The questionnaire behind a survey link. 404 for a bad token, 410 for an
         *     expired or used link.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    token: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PublicQuestionnaire"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                410: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        /** Answer through a survey link; the link then refuses further use. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    token: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PublicAnswers"];
                };
            };
            responses: {
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                410: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/recordings/stream/{ticket}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The recording's bytes for an audio element: no bearer token (an audio
         *     element cannot send one); the ticket from `.../recording/play` is the
         *     credential. `Range` answers 206 with `Content-Range`, 416 when it
         *     cannot be satisfied.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    ticket: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "audio/wav": unknown;
                    };
                };
                206: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                416: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/screen-pop": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Patients matching an incoming caller's number, with recent visits and
         *     open items, for the card shown before the agent answers.
         */
        get: {
            parameters: {
                query: {
                    /** @description The caller's number as the PBX presents it. */
                    number: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ScreenPopResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sms/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The outbox, newest first, with each message's status and reason. */
        get: {
            parameters: {
                query?: {
                    page?: number;
                    patient_id?: number;
                    per_page?: number;
                    phone?: string;
                    status?: components["schemas"]["SmsStatus"];
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Page_SmsMessage"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Queues an SMS. It is stored before this answers and sent by a job; the
         *     answer's status is `queued`, or `failed` with the reason when the
         *     recipient opted out or must not be contacted.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["NewSms"];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SmsMessage"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sms/messages/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SmsMessage"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sms/messages/{id}/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sends a failed message again as a new message (after the provider is
         *     fixed, or a wrong number corrected on the patient). The rules apply
         *     afresh: an opted-out number stays failed.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SmsMessage"];
                    };
                };
                /** @description only failed messages are resent */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sms/opt-outs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SmsOptOut"][];
                    };
                };
            };
        };
        put?: never;
        /** Records that a number wants no more SMS (退订); idempotent. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["NewSmsOptOut"];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SmsOptOut"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sms/receipts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Delivery receipts posted by the HTTP SMS gateway. Machine to machine: no
         *     user session; the caller proves itself with the configured shared
         *     secret (`?token=` or an `X-Receipt-Token` header).
         */
        post: {
            parameters: {
                query?: {
                    /** @description The shared secret from `[sms.http] receipt_token`. */
                    token?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": unknown;
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReceiptAnswer"];
                    };
                };
                /** @description wrong or missing token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description receipts are not configured */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sms/templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SmsTemplate"][];
                    };
                };
            };
        };
        put?: never;
        /** Creates a template; an unknown `{{variable}}` is refused (422, field `body`). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["NewSmsTemplate"];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SmsTemplate"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sms/templates/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["UpdateSmsTemplate"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SmsTemplate"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/stats/discharges": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Discharges per day and department; managers see their own department. */
        get: {
            parameters: {
                query?: {
                    /** @description How many days back, 1 to 366 (default 30). */
                    days?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DischargeStats"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/surveys/kiosks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Kiosk"][];
                    };
                };
            };
        };
        put?: never;
        /** Register a kiosk device; the answer holds its token, once. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["NewKiosk"];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Kiosk"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/surveys/links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A link to the public form for a patient, sent by SMS unless `send_sms` is false. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["NewSurveyLink"];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SurveyLink"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/surveys/questionnaires": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Questionnaires of the hospital (every signed-in user: staff answer them). */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["QuestionnaireSummary"][];
                    };
                };
            };
        };
        put?: never;
        /** Create a questionnaire; with `publish` it is live at once (一步创建问卷). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["NewQuestionnaire"];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["QuestionnaireDetail"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/surveys/questionnaires/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["QuestionnaireDetail"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/surveys/questionnaires/{id}/draft": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Save an edit: replaces the draft, or makes a new draft version when the
         *     latest is published (published versions never change).
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["EditQuestionnaire"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["QuestionnaireDetail"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/surveys/questionnaires/{id}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The latest version as a JSON exchange document. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Exported"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/surveys/questionnaires/{id}/publish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["QuestionnaireDetail"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/surveys/questionnaires/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import a JSON exchange document: a new questionnaire, or a new draft of
         *     the one with the same code.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["Exported"];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["QuestionnaireDetail"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/surveys/responses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record answers (phone script, or staff entering a paper form): checked
         *     against the path, scored; answer rules open callback tasks.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["NewResponse"];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ResponseDetail"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/surveys/responses/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ResponseDetail"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/surveys/staff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StaffSurvey"][];
                    };
                };
            };
        };
        put?: never;
        /** Assign a questionnaire to a staff group. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["NewStaffSurvey"];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StaffSurveyDetail"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/surveys/staff-mine": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The staff surveys assigned to the caller. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StaffSurvey"][];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/surveys/staff/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who has and has not answered. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StaffSurveyDetail"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/surveys/staff/{id}/answer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Answer a staff survey assigned to the caller, once. Anonymous surveys
         *     store no user, no department and no time of day with the answers.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PublicAnswers"];
                };
            };
            responses: {
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/surveys/staff/{id}/remind": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Notify everyone who has not answered yet. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Reminded"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/surveys/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Satisfaction overall, per month and per department; distributions;
         *     free-text answers. Managers see their own department.
         */
        get: {
            parameters: {
                query: {
                    department_id?: number;
                    /** @description First day (local date), inclusive. */
                    from?: string;
                    questionnaire_id: number;
                    /** @description Last day, inclusive. */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SurveyStats"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/surveys/stats/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The same statistics as an Excel workbook with charts, plus every answer sheet. */
        get: {
            parameters: {
                query: {
                    department_id?: number;
                    /** @description First day (local date), inclusive. */
                    from?: string;
                    questionnaire_id: number;
                    /** @description Last day, inclusive. */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": unknown;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/surveys/versions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["VersionDetail"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["User"][];
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["NewUser"];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["User"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a user's name, role or department; disable (ends their sessions
         *     at once) or unlock them.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["UpdateUser"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["User"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/users/{id}/phone": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Sets or clears a user's mobile phone (where the department manager's
         *     low-rating SMS goes). The audit keeps the masked number.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["SetUserPhone"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["User"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}/reset-password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ResetPasswordRequest"];
                };
            };
            responses: {
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workbench": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My working day: due tasks, promised call-backs, missed calls, numbers. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Workbench"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        AgentState: {
            display_name: string;
            reason?: string | null;
            /** Format: date-time */
            since: string;
            state: components["schemas"]["AgentStatus"];
            /** Format: date-time */
            until?: string | null;
            /** Format: int64 */
            user_id: number;
            username: string;
        };
        AgentStateChange: {
            reason?: string | null;
            state: components["schemas"]["AgentStatus"];
        };
        /** @enum {string} */
        AgentStatus: "ready" | "busy" | "after_call_work" | "away";
        /** @description Counts of one answer value of one question. */
        AnswerCount: {
            /** Format: int64 */
            count: number;
            label: string;
            value: string;
        };
        /**
         * @description What a rule does when its condition holds on an answered, on-path
         *     question: open an urgent callback task and tell the department's managers.
         */
        AnswerRule: {
            id: string;
            question: string;
            /** @description Shown in the task title. */
            title: string;
            when: components["schemas"]["Condition"];
        };
        ApiKeyInfo: {
            active: boolean;
            /** @description `web`, `wechat` or `partner`. */
            channel: components["schemas"]["BookingChannel"];
            /** Format: date-time */
            created_at: string;
            /** Format: int64 */
            id: number;
            /** @description The key itself: only in the answer that creates it. */
            key?: string | null;
            /** @description The first characters, to recognise a key. */
            key_prefix: string;
            /** Format: date-time */
            last_used_at?: string | null;
            name: string;
            /** Format: int32 */
            per_minute: number;
        };
        Appointment: {
            cancel_reason?: string | null;
            /** Format: date-time */
            cancelled_at?: string | null;
            channel: components["schemas"]["BookingChannel"];
            /** Format: date-time */
            checked_in_at?: string | null;
            /** Format: date-time */
            confirmed_at?: string | null;
            /** Format: date-time */
            created_at: string;
            /** Format: int64 */
            department_id: number;
            /** Format: int64 */
            doctor_id?: number | null;
            /** Format: date-time */
            ends_at: string;
            /** Format: date-time */
            hold_until?: string | null;
            /** Format: int64 */
            id: number;
            /** Format: int64 */
            patient_id: number;
            patient_name: string;
            /** Format: int64 */
            rescheduled_from?: number | null;
            /**
             * Format: int32
             * @description The sequence number (就诊序号).
             */
            seq: number;
            /** Format: int64 */
            session_id: number;
            /** Format: int64 */
            slot_id: number;
            /** Format: date-time */
            starts_at: string;
            status: components["schemas"]["AppointmentStatus"];
        };
        /** @enum {string} */
        AppointmentStatus: "held" | "confirmed" | "checked_in" | "cancelled" | "expired" | "no_show" | "rescheduled" | "suspended";
        Article: {
            body: string;
            category: string;
            /** Format: int64 */
            id: number;
            /** Format: int32 */
            latest_version: number;
            /** Format: int32 */
            published_version?: number | null;
            source_call_uuid?: string | null;
            /** @description Status of the latest version. */
            status: components["schemas"]["KbVersionStatus"];
            tags: string[];
            title: string;
            /** Format: date-time */
            updated_at: string;
        };
        ArticleDetail: {
            article: components["schemas"]["Article"];
            versions: components["schemas"]["Version"][];
        };
        ArticleInput: {
            body: string;
            category: string;
            /** @description The expert-consultation call the article was written from. */
            source_call_uuid?: string | null;
            tags?: string[];
            title: string;
        };
        Assignee: {
            /** Format: int64 */
            department_id?: number | null;
            display_name: string;
            /** Format: int64 */
            id: number;
            role: string;
        };
        AssignRequest: {
            /**
             * Format: int64
             * @description Only unassigned open tasks of this department / kind.
             */
            department_id?: number | null;
            kind?: null | components["schemas"]["TaskKind"];
            /**
             * @description `count` (balanced across `user_ids`) or `department` (each task to
             *     the chosen users of its department, balanced among them).
             */
            strategy: components["schemas"]["AssignStrategy"];
            user_ids: number[];
        };
        AssignResult: {
            assigned: number;
            /** @description (user id, tasks given in this run). */
            per_user: components["schemas"]["UserCount"][];
        };
        /** @enum {string} */
        AssignStrategy: "count" | "department";
        Attempt: {
            /** Format: date-time */
            at: string;
            call_id?: string | null;
            /** Format: date-time */
            callback_at?: string | null;
            /** Format: int64 */
            id: number;
            note: string;
            outcome: components["schemas"]["AttemptOutcome"];
            username: string;
        };
        /** @enum {string} */
        AttemptOutcome: "reached" | "no_answer" | "busy" | "wrong_number" | "refused" | "deceased" | "readmitted" | "call_back";
        /** @enum {string} */
        AuditAction: "agent.state" | "appointment.api_key_create" | "appointment.api_key_update" | "appointment.block" | "appointment.block_lift" | "appointment.book" | "appointment.cancel" | "appointment.check_in" | "appointment.confirm" | "appointment.hold" | "appointment.list" | "appointment.record_read" | "appointment.reschedule" | "appointment.suspend" | "appointment.suspension_resolve" | "appointment.waitlist_join" | "auth.login" | "auth.login_disabled" | "auth.login_failed" | "auth.login_locked" | "auth.logout" | "auth.password_changed" | "call.write" | "department.create" | "department.update" | "evaluation.export" | "evaluation.rate" | "evaluation.window.create" | "evaluation.window.update" | "feedback.comment" | "feedback.compensation" | "feedback.compensation_decision" | "feedback.create" | "feedback.list" | "feedback.read" | "feedback.reply" | "feedback.route" | "feedback.satisfaction" | "feedback.stats_export" | "feedback.status" | "followup.assign" | "followup.export" | "followup.flag_visit" | "followup.generate" | "followup.outcome" | "followup.plan_create" | "followup.plan_patient_add" | "followup.reassign" | "followup.revisit_set" | "followup.rule_create" | "followup.rule_update" | "followup.settings" | "followup.stats_export" | "followup.task_list" | "followup.task_read" | "hl7.read" | "hl7.replay" | "import.commit" | "import.upload" | "inquiry.log" | "job.retry" | "job.run_now" | "kiosk.create" | "knowledge.create" | "knowledge.edit" | "knowledge.review" | "knowledge.submit" | "lookup.import_inpatients" | "lookup.import_surgeries" | "lookup.inpatients" | "lookup.staff" | "lookup.surgeries" | "lookup.upsert" | "notification.send" | "patient.calls_read" | "patient.contact_add" | "patient.create" | "patient.dial" | "patient.merge" | "patient.phone_add" | "patient.read" | "patient.reveal" | "patient.screen_pop" | "patient.search" | "patient.update" | "patient.visit_add" | "patient.visit_cancel" | "patient.visit_update" | "patient.visits_read" | "questionnaire.create" | "questionnaire.edit" | "questionnaire.publish" | "recording.play" | "recording.upload_complete" | "recording.upload_start" | "sms.opt_out" | "sms.resend" | "sms.send" | "sms.template.create" | "sms.template.update" | "staff_survey.create" | "staff_survey.remind" | "survey.link" | "survey.response" | "survey.response.list" | "survey.response.read" | "user.create" | "user.phone" | "user.reset_password" | "user.update";
        AuditEntry: {
            /** @description What was done, e.g. `patient.read`, `patient.reveal`, `user.create`. */
            action: string;
            /** Format: date-time */
            at: string;
            detail?: string | null;
            /** Format: int64 */
            id: number;
            ip: string;
            /** Format: int64 */
            patient_id?: number | null;
            role: string;
            target?: string | null;
            /** Format: int64 */
            user_id?: number | null;
            username: string;
        };
        Block: {
            /** @description Blocking now: not expired and not lifted. */
            active: boolean;
            /** Format: date-time */
            ends_at: string;
            /** Format: int64 */
            id: number;
            lift_reason?: string | null;
            /** Format: date-time */
            lifted_at?: string | null;
            /** Format: int64 */
            patient_id: number;
            reason: string;
            /** Format: date-time */
            starts_at: string;
        };
        /** @enum {string} */
        BookingChannel: "phone" | "web" | "wechat" | "onsite" | "clinic" | "partner";
        /** @enum {string} */
        CallDirection: "inbound" | "outbound";
        /** @enum {string} */
        CallDisposition: "answered" | "no_answer" | "busy" | "rejected" | "failed" | "cancelled" | "transferred";
        CallRecord: {
            /** Format: int64 */
            agent_id: number;
            agent_name: string;
            /** Format: date-time */
            answered_at?: string | null;
            direction: components["schemas"]["CallDirection"];
            disposition?: null | components["schemas"]["CallDisposition"];
            /** Format: date-time */
            ended_at?: string | null;
            /** @description A recording fully received and verified. */
            has_recording: boolean;
            local_number: string;
            note?: string | null;
            /** Format: int64 */
            patient_id?: number | null;
            /** @description Masked in lists (`138****5678`). */
            remote_number: string;
            /** Format: date-time */
            started_at: string;
            /**
             * Format: int64
             * @description Seconds from answer to end.
             */
            talk_seconds?: number | null;
            /** Format: int64 */
            task_id?: number | null;
            uuid: string;
        };
        /**
         * @description Creates or completes a call record; sent by the desktop at the start of a
         *     call and again when it is answered and ends. Fields left out (or null)
         *     keep what the server already has, so a late retry of an earlier update
         *     never erases a later one.
         */
        CallUpsert: {
            /** Format: date-time */
            answered_at?: string | null;
            direction?: null | components["schemas"]["CallDirection"];
            disposition?: null | components["schemas"]["CallDisposition"];
            /** Format: date-time */
            ended_at?: string | null;
            local_number?: string | null;
            note?: string | null;
            /** Format: int64 */
            patient_id?: number | null;
            remote_number?: string | null;
            /**
             * Format: date-time
             * @description Required when the call is new.
             */
            started_at?: string | null;
            /**
             * Format: int64
             * @description The follow-up task the call works on (its patient becomes the call's).
             */
            task_id?: number | null;
        };
        CancelRequest: {
            reason?: string;
        };
        ChangePasswordRequest: {
            new_password: string;
            old_password: string;
        };
        ChannelCount: {
            /**
             * Format: int64
             * @description Appointments made (confirmed at some point) through the channel.
             */
            booked: number;
            /** Format: int64 */
            cancelled: number;
            channel: components["schemas"]["BookingChannel"];
            /** Format: int64 */
            checked_in: number;
            /** Format: int64 */
            no_shows: number;
        };
        Choice: {
            label: string;
            level?: null | components["schemas"]["Satisfaction"];
            /** Format: double */
            score?: number | null;
            value: string;
        };
        CommentRequest: {
            body: string;
        };
        CommitImport: {
            mode: components["schemas"]["ImportMode"];
        };
        CompensationRequest: {
            /** Format: int64 */
            amount_cents: number;
            reason: string;
        };
        /** @enum {string} */
        CompensationStatus: "none" | "pending" | "approved" | "rejected";
        /** @description A condition on one question's answer. */
        Condition: {
            /** @enum {string} */
            op: "chosen";
            values: string[];
        } | {
            /** @enum {string} */
            op: "score_at_most";
            /** Format: double */
            value: number;
        } | {
            /** @enum {string} */
            op: "score_at_least";
            /** Format: double */
            value: number;
        } | {
            /** @enum {string} */
            op: "answered";
        };
        /** @description One entry of the contact log (联系记录). */
        Contact: {
            /** Format: date-time */
            at: string;
            channel: components["schemas"]["ContactChannel"];
            direction: components["schemas"]["ContactDirection"];
            /** Format: int64 */
            id: number;
            summary: string;
            username: string;
        };
        /** @enum {string} */
        ContactChannel: "phone" | "sms" | "visit" | "other";
        /** @enum {string} */
        ContactDirection: "inbound" | "outbound";
        ContactRate: {
            /** Format: int64 */
            attempts: number;
            /**
             * Format: int64
             * @description Attempts in which somebody answered.
             */
            contacted: number;
            /** Format: double */
            rate: number;
        };
        Count: {
            /** Format: int64 */
            count: number;
            key: string;
        };
        CountCell: {
            /** Format: double */
            average_score: number;
            /** Format: int64 */
            id: number;
            /**
             * Format: int64
             * @description Ratings at or below the low-rating threshold.
             */
            low: number;
            name: string;
            /**
             * Format: double
             * @description Share of ratings with score 4 or 5.
             */
            satisfaction: number;
            /** Format: int64 */
            total: number;
        };
        /** @description What the counter page shows: the clerk's window, its device and today. */
        CounterView: {
            today: components["schemas"]["Rating"][];
            /** Format: double */
            today_average: number;
            window?: null | components["schemas"]["EvaluationWindow"];
        };
        Coverage: {
            /** Format: int64 */
            department_id: number;
            /**
             * Format: int64
             * @description Of those, completed.
             */
            done: number;
            /**
             * Format: int64
             * @description Tasks due in the period (cancelled ones excepted).
             */
            due: number;
            name: string;
            /**
             * Format: double
             * @description done / due in percent, one decimal.
             */
            rate: number;
        };
        Created: {
            created: boolean;
            /** Format: int64 */
            id: number;
            number: string;
            /** @description The anonymous submitter's progress code; shown once, stored hashed. */
            secret_code?: string | null;
        };
        CurrentUser: {
            /** Format: int64 */
            department_id?: number | null;
            department_name?: string | null;
            display_name: string;
            /** Format: int64 */
            hospital_id: number;
            hospital_name: string;
            /** Format: int64 */
            id: number;
            permissions: components["schemas"]["Permission"][];
            role: components["schemas"]["Role"];
            username: string;
            /**
             * Format: int32
             * @description The hospital's offset from UTC: the UI shows every time in it,
             *     whatever the PC's own time zone.
             */
            utc_offset_minutes: number;
        };
        DayCell: {
            /** Format: double */
            average_score: number;
            /** Format: date */
            day: string;
            /** Format: int64 */
            total: number;
        };
        /** @description My day so far (the hospital's day). */
        DayNumbers: {
            /** Format: int64 */
            answered_calls: number;
            /**
             * Format: int64
             * @description Follow-up attempts recorded (every outcome counts).
             */
            attempts: number;
            /** Format: int64 */
            calls: number;
            /** Format: int64 */
            talk_seconds: number;
            /**
             * Format: int64
             * @description Tasks of mine completed today.
             */
            tasks_completed: number;
        };
        DayUse: {
            /** Format: int64 */
            booked: number;
            /** Format: int64 */
            capacity: number;
            /** Format: date */
            day: string;
        };
        DecisionRequest: {
            approve: boolean;
            note?: string;
        };
        Department: {
            active: boolean;
            code: string;
            /** Format: int64 */
            id: number;
            kind: components["schemas"]["DepartmentKind"];
            name: string;
        };
        /** @enum {string} */
        DepartmentKind: "clinical" | "ward" | "office" | "window";
        /**
         * @description A device's heartbeat as the reader forwards it (at most every few
         *     seconds), with what it knows about the device and the line.
         */
        DeviceHeartbeat: {
            device_id: string;
            status?: Record<string, never>;
        };
        Diagnosis: {
            /** @description ICD-10 code, e.g. `I21.9`. */
            code: string;
            name: string;
        };
        DialTarget: {
            number: string;
            /** Format: int64 */
            patient_id: number;
            /** Format: int64 */
            task_id?: number | null;
        };
        /**
         * @description The number to dial for one of a patient's phones, chosen by its position
         *     on the card; only the desktop asks, and each answer is audited.
         */
        DialTargetRequest: {
            /** Format: int64 */
            patient_id: number;
            /** @description Index into the card's `phones_masked`. */
            phone_index?: number;
            /** Format: int64 */
            task_id?: number | null;
        };
        DischargePoint: {
            /** Format: int64 */
            count: number;
            /** Format: date */
            date: string;
            /** Format: int64 */
            department_id: number;
            department_name: string;
        };
        DischargeStats: {
            series: components["schemas"]["DischargePoint"][];
        };
        /**
         * @description An edit: replaces the draft, or starts a new draft when the latest
         *     version is published.
         */
        EditQuestionnaire: {
            name?: string | null;
            publish?: boolean;
            template: components["schemas"]["QuestionnaireTemplate"];
        };
        EvaluationStats: {
            /** Format: double */
            average_score: number;
            by_clerk: components["schemas"]["CountCell"][];
            by_day: components["schemas"]["DayCell"][];
            by_department: components["schemas"]["CountCell"][];
            by_score: components["schemas"]["ScoreCell"][];
            by_window: components["schemas"]["CountCell"][];
            /** Format: int64 */
            low: number;
            /** Format: double */
            satisfaction: number;
            /** Format: int64 */
            total: number;
        };
        EvaluationWindow: {
            active: boolean;
            /** Format: int64 */
            clerk_id?: number | null;
            clerk_name?: string | null;
            code: string;
            /** Format: int64 */
            department_id: number;
            department_name: string;
            device_id?: string | null;
            /** @description What the reader last reported: firmware, decoder counters. */
            device_status: Record<string, never>;
            /** Format: int64 */
            id: number;
            /** Format: date-time */
            last_heartbeat_at?: string | null;
            /**
             * Format: int32
             * @description 3, 4 or 5 keys.
             */
            layout: number;
            name: string;
            /** @description A heartbeat arrived within the configured timeout. */
            online: boolean;
        };
        Exported: {
            category?: components["schemas"]["QuestionnaireCategory"];
            /** @description A stable code for the template (unique per hospital). */
            code: string;
            format: string;
            /** Format: int32 */
            format_version: number;
            name: string;
            template: components["schemas"]["QuestionnaireTemplate"];
        };
        FeedbackStats: {
            by_department: components["schemas"]["Count"][];
            by_kind: components["schemas"]["Count"][];
            by_month: components["schemas"]["MonthRow"][];
            by_source: components["schemas"]["Count"][];
            /** Format: date */
            from: string;
            praise_by_staff: components["schemas"]["Count"][];
            resolve_time: components["schemas"]["ResolveTime"];
            sla: components["schemas"]["Sla"];
            /** Format: date */
            to: string;
            top_complaint_topics: components["schemas"]["Count"][];
            top_inquiry_topics: components["schemas"]["Count"][];
            /** Format: int64 */
            total: number;
        };
        FeedbackTemplate: {
            body: string;
            code: string;
            /** Format: int64 */
            id: number;
            kind: components["schemas"]["TicketKind"];
            topic: string;
        };
        Flagged: {
            /** @description False when the visit was already flagged. */
            created: boolean;
            /** Format: int64 */
            task_id: number;
        };
        FlagVisit: {
            /**
             * Format: int32
             * @description Days from now the follow-up window stays open (default 7).
             */
            due_in_days?: number | null;
            note?: string;
            /** Format: int64 */
            questionnaire_id?: number | null;
        };
        /** @enum {string} */
        FollowupMode: "centralised" | "ward";
        FollowupSettings: {
            /**
             * Format: int32
             * @description Attempts before a task fails (retry policy).
             */
            max_attempts: number;
            /**
             * @description `centralised` (the customer-service centre works every task) or
             *     `ward` (doctors and nurses work their own department's tasks).
             */
            mode: components["schemas"]["FollowupMode"];
            /**
             * Format: int32
             * @description Hours between attempts after no answer or busy.
             */
            retry_interval_hours: number;
            /**
             * Format: int32
             * @description Days after a revisit due date without a booking before a task is made.
             */
            revisit_grace_days: number;
            /**
             * Format: int32
             * @description Share of each department's discharges the centre spot-checks, 0-100.
             */
            spot_check_percent: number;
            /** Format: int64 */
            spot_check_questionnaire_id?: number | null;
        };
        FollowupStats: {
            contact: components["schemas"]["ContactRate"];
            coverage: components["schemas"]["Coverage"][];
            /** Format: date */
            from: string;
            /** Format: date */
            to: string;
            trend: components["schemas"]["MonthPoint"][];
            workload: components["schemas"]["Workload"][];
        };
        GenerateRequest: {
            /** Format: date */
            from: string;
            /** Format: date */
            to: string;
        };
        HistoryRow: {
            action: components["schemas"]["TicketAction"];
            at: string;
            body: string;
            call_uuid?: string | null;
            channel?: null | components["schemas"]["ReplyChannel"];
            /** Format: int64 */
            department_id?: number | null;
            from_status?: null | components["schemas"]["TicketStatus"];
            /** Format: int64 */
            id: number;
            public: boolean;
            to_status?: null | components["schemas"]["TicketStatus"];
            /** Format: int64 */
            user_id?: number | null;
            username: string;
        };
        /** @description One message of the HL7 inbox. */
        Hl7Message: {
            /** @description AA, AE or AR. */
            ack_code: string;
            /** Format: int32 */
            attempts: number;
            charset: string;
            /** @description MSH-10. */
            control_id?: string | null;
            /** @description "PV1-3: department \"X\" is not known". */
            error?: string | null;
            /** @description "ADT^A01". */
            event: string;
            /** Format: int64 */
            id: number;
            mrn?: string | null;
            /** Format: int64 */
            patient_id?: number | null;
            /** Format: date-time */
            processed_at: string;
            /** Format: date-time */
            received_at: string;
            remote: string;
            sending_app: string;
            status: components["schemas"]["Hl7Status"];
        };
        /**
         * @description A message with its raw text (decoded by its character set; segments
         *     separated by CR) and the ACK it got.
         */
        Hl7MessageDetail: components["schemas"]["Hl7Message"] & {
            ack: string;
            raw: string;
            /** Format: int64 */
            raw_bytes: number;
        };
        /** @enum {string} */
        Hl7Status: "processed" | "error" | "rejected";
        /**
         * @description Book for a patient. Without `slot_id` the first number open to the
         *     channel is taken. `confirm` books at once instead of holding.
         */
        HoldRequest: {
            channel?: null | components["schemas"]["BookingChannel"];
            confirm?: boolean;
            /** Format: int64 */
            patient_id: number;
            /** Format: int64 */
            session_id: number;
            /** Format: int64 */
            slot_id?: number | null;
        };
        Holiday: {
            /** Format: date */
            day: string;
            /** Format: int64 */
            id: number;
            name: string;
        };
        HolidayInput: {
            /** Format: date */
            day: string;
            name: string;
        };
        ImportBatch: {
            /**
             * @description The header row's Excel row number and the columns recognised
             *     (header → field).
             */
            columns: [
                string,
                string
            ][];
            /** Format: date-time */
            created_at: string;
            /**
             * @description The same file was imported before: this is that batch, nothing new
             *     was written.
             */
            duplicate: boolean;
            /** Format: int64 */
            error_rows: number;
            errors: components["schemas"]["RowError"][];
            file_name: string;
            /** Format: date-time */
            finished_at?: string | null;
            /** Format: int64 */
            id: number;
            /** Format: int64 */
            imported_rows: number;
            kind: components["schemas"]["ImportKind"];
            message?: string | null;
            mode?: null | components["schemas"]["ImportMode"];
            /**
             * Format: int64
             * @description Rows looked at so far by the running preview or import.
             */
            processed_rows: number;
            /** @description The first rows as understood. */
            sample: components["schemas"]["PreviewRow"][];
            status: components["schemas"]["ImportStatus"];
            /**
             * Format: int64
             * @description Data rows in the file (blank rows not counted).
             */
            total_rows: number;
        };
        /** @enum {string} */
        ImportKind: "discharges" | "exams";
        /** @enum {string} */
        ImportMode: "all_or_nothing" | "good_rows";
        ImportRequest: {
            /** @description The .xlsx file, base64. */
            file_base64: string;
        };
        ImportResult: {
            rows: number;
        };
        /** @enum {string} */
        ImportStatus: "previewing" | "previewed" | "running" | "done" | "failed";
        Inpatient: {
            /** Format: date */
            admitted_on?: string | null;
            bed: string;
            department: string;
            /** Format: int64 */
            department_id: number;
            diagnosis: string;
            /** Format: int64 */
            id: number;
            mrn: string;
            name: string;
        };
        Job: {
            /** Format: int32 */
            attempts: number;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            finished_at?: string | null;
            /** Format: int64 */
            id: number;
            kind: string;
            last_error?: string | null;
            locked_by?: string | null;
            /** Format: int32 */
            max_attempts: number;
            payload: unknown;
            /** Format: date-time */
            run_at: string;
            /** @description Cron expression (5 fields, local time) or `@every 30s` for recurring jobs. */
            schedule?: string | null;
            status: components["schemas"]["JobStatus"];
            /** Format: date-time */
            updated_at: string;
        };
        JobDetail: {
            job: components["schemas"]["Job"];
            /** @description Newest first. */
            runs: components["schemas"]["JobRun"][];
        };
        JobRun: {
            /** Format: int32 */
            attempt: number;
            error?: string | null;
            /** Format: date-time */
            finished_at?: string | null;
            /** Format: int64 */
            id: number;
            outcome: components["schemas"]["JobRunOutcome"];
            /** @description The server instance that ran it. */
            runner: string;
            /** Format: date-time */
            started_at: string;
        };
        /** @enum {string} */
        JobRunOutcome: "running" | "ok" | "retry" | "held" | "dead" | "lease_expired";
        /** @enum {string} */
        JobStatus: "pending" | "running" | "done" | "dead";
        JoinRequest: {
            channel?: null | components["schemas"]["BookingChannel"];
            /** Format: int64 */
            patient_id: number;
            /** Format: int64 */
            session_id: number;
        };
        /** @description `goto` is a later question id or [`END`]. */
        Jump: {
            goto: string;
            when: components["schemas"]["Condition"];
        };
        /** @enum {string} */
        KbVersionStatus: "draft" | "pending" | "published" | "superseded" | "rejected";
        Kiosk: {
            active: boolean;
            /** Format: int64 */
            department_id?: number | null;
            /** Format: int64 */
            id: number;
            /** Format: date */
            last_seen_on?: string | null;
            name: string;
            /** Format: int64 */
            questionnaire_id: number;
            /** @description Shown once, at creation: the device keeps it (kiosk page `?device=`). */
            token?: string | null;
        };
        /** @description A logged contact, as the screen-pop shows it. */
        LastContact: {
            /** Format: date-time */
            at: string;
            channel: components["schemas"]["ContactChannel"];
            direction: components["schemas"]["ContactDirection"];
            /** @description What was said or done (the outcome, for a follow-up call). */
            summary: string;
        };
        LiftRequest: {
            reason: string;
        };
        /**
         * @description Adds a caller's number to a patient ("link to patient" on an unknown
         *     caller's screen-pop).
         */
        LinkNumber: {
            number: string;
        };
        Logged: {
            /** Format: int64 */
            id: number;
        };
        LoginRequest: {
            password: string;
            username: string;
        };
        LoginResponse: {
            /** Format: date-time */
            expires_at: string;
            /** @description Opaque bearer token; send as `Authorization: Bearer <token>`. */
            token: string;
            user: components["schemas"]["CurrentUser"];
        };
        /** @enum {string} */
        LookupImport: "inpatients" | "surgeries";
        LookupItem: {
            /** @description The department (directory, clinic, staff). */
            department?: string;
            /** Format: int64 */
            id?: number;
            /** @description A drug's use, an exam's preparation, a clinic's scope. */
            info?: string;
            kind: components["schemas"]["LookupKind"];
            location?: string;
            name: string;
            name_initials?: string;
            phone?: string;
            /** @description Drugs, lab and exam items. */
            price?: string;
            /** @description When a clinic is held. */
            schedule?: string;
            /** @description When lab and exam results are ready. */
            turnaround?: string;
        };
        /** @enum {string} */
        LookupKind: "drug" | "directory" | "clinic" | "lab" | "exam" | "staff";
        LookupResults: {
            articles: components["schemas"]["SearchHit"][];
            items: components["schemas"]["LookupItem"][];
        };
        MatrixRow: {
            id: string;
            text: string;
        };
        MissedCall: {
            /** Format: int64 */
            patient_id?: number | null;
            patient_name?: string | null;
            remote_number_masked: string;
            /** Format: date-time */
            started_at: string;
            uuid: string;
        };
        MonthPoint: {
            /** Format: int64 */
            attempts: number;
            /** Format: double */
            contact_rate: number;
            /** Format: int64 */
            contacted: number;
            /** Format: int64 */
            done: number;
            /** Format: int64 */
            due: number;
            /** @description `2026-11`. */
            month: string;
        };
        MonthRow: {
            /** Format: int64 */
            complaint: number;
            month: string;
            /** Format: int64 */
            praise: number;
            /** Format: int64 */
            suggestion: number;
        };
        NewApiKey: {
            /** @description `web`, `wechat` or `partner`. */
            channel: components["schemas"]["BookingChannel"];
            name: string;
            /** Format: int32 */
            per_minute?: number | null;
        };
        NewContact: {
            channel: components["schemas"]["ContactChannel"];
            direction: components["schemas"]["ContactDirection"];
            summary: string;
        };
        NewDepartment: {
            code: string;
            kind: components["schemas"]["DepartmentKind"];
            name: string;
        };
        NewEvaluationWindow: {
            /** Format: int64 */
            clerk_id?: number | null;
            code: string;
            /** Format: int64 */
            department_id: number;
            device_id?: string | null;
            /** Format: int32 */
            layout?: number | null;
            name: string;
        };
        /** @description An upload: the file as base64. */
        NewImport: {
            content_base64: string;
            file_name: string;
            kind: components["schemas"]["ImportKind"];
        };
        NewInquiry: {
            /**
             * Format: int64
             * @description The article the answer came from.
             */
            article_id?: number | null;
            call_uuid?: string | null;
            note?: string;
            /** Format: int64 */
            patient_id?: number | null;
            /** @description What was asked about: 门诊时间, 医保报销... */
            topic: string;
        };
        NewKiosk: {
            /** Format: int64 */
            department_id?: number | null;
            name: string;
            /** Format: int64 */
            questionnaire_id: number;
        };
        /** @description Send a notification to one user or to every user of a role. */
        NewNotification: {
            /**
             * Format: date-time
             * @description Deliver later (a reminder) instead of now.
             */
            at?: string | null;
            body?: string;
            kind: components["schemas"]["NotificationKind"];
            link?: string | null;
            role?: null | components["schemas"]["Role"];
            title: string;
            /** Format: int64 */
            user_id?: number | null;
        };
        NewPatient: {
            address?: string | null;
            /** Format: date */
            birth_date?: string | null;
            /** @description Chinese resident ID; validated with its check digit. */
            id_card?: string | null;
            mrn: string;
            name: string;
            phones?: string[];
            sex?: null | components["schemas"]["Sex"];
            tags?: components["schemas"]["PatientTag"][];
        };
        /**
         * @description One-pass creation (一步创建问卷): the template and, with `publish`, its
         *     first version live at once.
         */
        NewQuestionnaire: {
            category?: components["schemas"]["QuestionnaireCategory"];
            code: string;
            name: string;
            publish?: boolean;
            template: components["schemas"]["QuestionnaireTemplate"];
        };
        /**
         * @description One key press as the reader forwards it. (device_id, event_seq) is the
         *     idempotency key: forwarding again answers 200 with the stored rating.
         */
        NewRating: {
            /**
             * Format: int64
             * @description The clerk signed in at the counter when the key was pressed; the
             *     window's clerk when absent.
             */
            clerk_id?: number | null;
            device_id: string;
            /** Format: int64 */
            event_seq: number;
            /** Format: int32 */
            key: number;
            /** Format: int32 */
            layout: number;
            /**
             * Format: int64
             * @description The patient on the clerk's screen (card read or MRN typed).
             */
            patient_id?: number | null;
            /** Format: date-time */
            pressed_at: string;
            prompted?: boolean;
        };
        /**
         * @description Record an answer sheet: by an agent on the phone (`phone`), by staff on
         *     a patient's behalf (`web`).
         */
        NewResponse: {
            answers: Record<string, never>;
            channel?: components["schemas"]["ResponseChannel"];
            /**
             * Format: int64
             * @description Department the answers are about; default: the task's, else the
             *     patient's latest visit's.
             */
            department_id?: number | null;
            /** Format: int64 */
            followup_task_id?: number | null;
            /** Format: int64 */
            patient_id?: number | null;
            /** Format: int64 */
            questionnaire_id?: number | null;
            /**
             * Format: int64
             * @description The version answered; default: the template's current version.
             */
            version_id?: number | null;
        };
        NewRevisit: {
            /** Format: int64 */
            department_id: number;
            /**
             * Format: date
             * @description The local date by which the patient should come back.
             */
            due_date: string;
            /** Format: int64 */
            patient_id: number;
            /** Format: int64 */
            visit_id?: number | null;
        };
        /**
         * @description Send one SMS: to a patient (their first phone unless `phone` is given)
         *     or to a bare number; with a template and variables or a literal body.
         */
        NewSms: {
            body?: string | null;
            /** Format: int64 */
            patient_id?: number | null;
            phone?: string | null;
            /** Format: int64 */
            template_id?: number | null;
            /** @description Urgent messages ignore quiet hours (critical values, clinic suspension). */
            urgent?: boolean;
            variables?: {
                [key: string]: string;
            };
        };
        NewSmsOptOut: {
            phone: string;
            reason?: string;
        };
        NewSmsTemplate: {
            body: string;
            code: string;
            name: string;
        };
        NewStaffSurvey: {
            anonymous?: boolean;
            /** @description ...or in one of these departments. Both empty: all active staff. */
            department_ids?: number[];
            /** Format: date */
            due_on?: string | null;
            /** Format: int64 */
            questionnaire_id: number;
            /** @description Staff with one of these roles... */
            roles?: string[];
            staff_group: components["schemas"]["StaffGroup"];
            title: string;
        };
        /** @description A link to the public form, sent by SMS unless `send_sms` is false. */
        NewSurveyLink: {
            /** Format: int64 */
            department_id?: number | null;
            /** Format: int64 */
            followup_task_id?: number | null;
            /** Format: int64 */
            patient_id: number;
            /** Format: int64 */
            questionnaire_id: number;
            send_sms?: boolean;
            /**
             * Format: int64
             * @description Override the configured validity.
             */
            valid_hours?: number | null;
        };
        /**
         * @description What a producer (an agent, a questionnaire rule, an evaluator rating, a
         *     call) asks for. `(source, source_ref)` makes it idempotent.
         */
        NewTicket: {
            anonymous?: boolean;
            /** @description The call the ticket came from (its recording is linked by it). */
            call_uuid?: string | null;
            contact_name?: string;
            contact_phone?: string | null;
            content: string;
            /** @description Departments concerned; the first becomes the handling department. */
            department_ids?: number[];
            kind: components["schemas"]["TicketKind"];
            /** Format: int64 */
            patient_id?: number | null;
            /**
             * @description When the hospital received it (a letter's date); the SLA counts from
             *     here. Defaults to now; cannot be in the future.
             */
            received_at?: string | null;
            /** @description `normal` when absent or empty. */
            severity?: components["schemas"]["TicketSeverity"];
            source: components["schemas"]["TicketSource"];
            /** @description Call uuid, questionnaire response id, rating id... as text. */
            source_ref?: string | null;
            staff_name?: string;
            /** Format: int64 */
            staff_user_id?: number | null;
            topic: string;
        };
        NewUser: {
            /** Format: int64 */
            department_id?: number | null;
            display_name: string;
            password: string;
            role: components["schemas"]["Role"];
            username: string;
        };
        NewVisit: {
            /** Format: date-time */
            admitted_at: string;
            attending_doctor?: string | null;
            /** Format: int64 */
            department_id: number;
            diagnoses?: components["schemas"]["Diagnosis"][];
            /** Format: date-time */
            discharged_at?: string | null;
            kind: components["schemas"]["VisitKind"];
            visit_no: string;
            ward?: string | null;
        };
        NextTask: {
            /**
             * Format: int64
             * @description None when nothing open comes after the current task.
             */
            task_id?: number | null;
        };
        Notice: {
            /** Format: int64 */
            appointment_id: number;
            /** Format: int64 */
            id: number;
            /** Format: int64 */
            new_appointment_id?: number | null;
            note?: string | null;
            /** Format: int64 */
            offer_session_id?: number | null;
            /** Format: int64 */
            patient_id: number;
            patient_name: string;
            /** @description Masked. */
            phone?: string | null;
            /** Format: date-time */
            resolved_at?: string | null;
            /** Format: int32 */
            seq: number;
            /** Format: int64 */
            session_id: number;
            /** Format: int64 */
            sms_id?: number | null;
            sms_reason?: string | null;
            sms_status?: null | components["schemas"]["SmsStatus"];
            status: components["schemas"]["NoticeStatus"];
        };
        /** @enum {string} */
        NoticeOutcome: "rebooked" | "cancelled" | "unreachable";
        /** @enum {string} */
        NoticeStatus: "pending" | "unreachable" | "rebooked" | "cancelled";
        Notification: {
            body: string;
            /** Format: date-time */
            created_at: string;
            /** Format: int64 */
            id: number;
            kind: components["schemas"]["NotificationKind"];
            /** @description A UI route to open, e.g. `/patients/12`. */
            link?: string | null;
            /** Format: date-time */
            read_at?: string | null;
            title: string;
        };
        /** @enum {string} */
        NotificationKind: "task_assigned" | "alert" | "reminder" | "sms_failed";
        /** @description What is still open for a patient, for the agent who answers their call. */
        OpenItemCounts: {
            /**
             * Format: int64
             * @description Appointments held or confirmed and not yet attended.
             */
            appointments: number;
            /**
             * Format: int64
             * @description Feedback tickets not yet resolved or closed.
             */
            complaints: number;
            /**
             * Format: int64
             * @description The open task whose window has begun, first in queue order (due
             *     time, then priority, then id): the one to work on this call.
             */
            due_task_id?: number | null;
            /**
             * Format: int64
             * @description Open follow-up tasks (pending or in progress).
             */
            follow_up_tasks: number;
            last_contact?: null | components["schemas"]["LastContact"];
        };
        Page_AuditEntry: {
            items: {
                /** @description What was done, e.g. `patient.read`, `patient.reveal`, `user.create`. */
                action: string;
                /** Format: date-time */
                at: string;
                detail?: string | null;
                /** Format: int64 */
                id: number;
                ip: string;
                /** Format: int64 */
                patient_id?: number | null;
                role: string;
                target?: string | null;
                /** Format: int64 */
                user_id?: number | null;
                username: string;
            }[];
            /** Format: int64 */
            page: number;
            /** Format: int64 */
            per_page: number;
            /** Format: int64 */
            total: number;
        };
        Page_Hl7Message: {
            items: {
                /** @description AA, AE or AR. */
                ack_code: string;
                /** Format: int32 */
                attempts: number;
                charset: string;
                /** @description MSH-10. */
                control_id?: string | null;
                /** @description "PV1-3: department \"X\" is not known". */
                error?: string | null;
                /** @description "ADT^A01". */
                event: string;
                /** Format: int64 */
                id: number;
                mrn?: string | null;
                /** Format: int64 */
                patient_id?: number | null;
                /** Format: date-time */
                processed_at: string;
                /** Format: date-time */
                received_at: string;
                remote: string;
                sending_app: string;
                status: components["schemas"]["Hl7Status"];
            }[];
            /** Format: int64 */
            page: number;
            /** Format: int64 */
            per_page: number;
            /** Format: int64 */
            total: number;
        };
        Page_Job: {
            items: {
                /** Format: int32 */
                attempts: number;
                /** Format: date-time */
                created_at: string;
                /** Format: date-time */
                finished_at?: string | null;
                /** Format: int64 */
                id: number;
                kind: string;
                last_error?: string | null;
                locked_by?: string | null;
                /** Format: int32 */
                max_attempts: number;
                payload: unknown;
                /** Format: date-time */
                run_at: string;
                /** @description Cron expression (5 fields, local time) or `@every 30s` for recurring jobs. */
                schedule?: string | null;
                status: components["schemas"]["JobStatus"];
                /** Format: date-time */
                updated_at: string;
            }[];
            /** Format: int64 */
            page: number;
            /** Format: int64 */
            per_page: number;
            /** Format: int64 */
            total: number;
        };
        Page_Notification: {
            items: {
                body: string;
                /** Format: date-time */
                created_at: string;
                /** Format: int64 */
                id: number;
                kind: components["schemas"]["NotificationKind"];
                /** @description A UI route to open, e.g. `/patients/12`. */
                link?: string | null;
                /** Format: date-time */
                read_at?: string | null;
                title: string;
            }[];
            /** Format: int64 */
            page: number;
            /** Format: int64 */
            per_page: number;
            /** Format: int64 */
            total: number;
        };
        Page_PatientSummary: {
            items: {
                /** Format: int32 */
                age?: number | null;
                /** Format: date */
                birth_date?: string | null;
                department_names: string[];
                /** Format: int64 */
                id: number;
                id_card_masked?: string | null;
                /** Format: date-time */
                last_visit_at?: string | null;
                /** @description Medical record number (病案号), unique within the hospital. */
                mrn: string;
                name: string;
                phones_masked: string[];
                sex: components["schemas"]["Sex"];
                tags: components["schemas"]["PatientTag"][];
            }[];
            /** Format: int64 */
            page: number;
            /** Format: int64 */
            per_page: number;
            /** Format: int64 */
            total: number;
        };
        Page_Rating: {
            items: {
                /** Format: int64 */
                clerk_id?: number | null;
                clerk_name?: string | null;
                /** Format: int64 */
                department_id: number;
                device_id: string;
                /** Format: int64 */
                event_seq: number;
                /** Format: int64 */
                id: number;
                /** Format: int32 */
                key: number;
                label: string;
                /** Format: int32 */
                layout: number;
                /** Format: int64 */
                patient_id?: number | null;
                /** Format: date-time */
                pressed_at: string;
                prompted: boolean;
                /** Format: date-time */
                received_at: string;
                /**
                 * Format: int32
                 * @description 1..=5 on every layout (see docs/evaluator-protocol.md §6).
                 */
                score: number;
                /** Format: int64 */
                window_id: number;
                window_name: string;
            }[];
            /** Format: int64 */
            page: number;
            /** Format: int64 */
            per_page: number;
            /** Format: int64 */
            total: number;
        };
        Page_SmsMessage: {
            items: {
                /** Format: int32 */
                attempts: number;
                body: string;
                /** Format: date-time */
                created_at: string;
                /** Format: date-time */
                delivered_at?: string | null;
                /** Format: int64 */
                id: number;
                /** Format: int64 */
                job_id?: number | null;
                /** Format: int32 */
                parts: number;
                /** Format: int64 */
                patient_id?: number | null;
                /** @description Always masked (reveal on the patient card, which is audited). */
                phone: string;
                provider?: string | null;
                /**
                 * @description Why it is held or failed (`quiet_hours`, `rate_limited`, `opted_out`,
                 *     `do_not_contact`, or the provider's error).
                 */
                reason?: string | null;
                /** Format: date-time */
                sent_at?: string | null;
                status: components["schemas"]["SmsStatus"];
                urgent: boolean;
            }[];
            /** Format: int64 */
            page: number;
            /** Format: int64 */
            per_page: number;
            /** Format: int64 */
            total: number;
        };
        Page_Task: {
            items: {
                /** Format: int64 */
                assignee_id?: number | null;
                assignee_name?: string | null;
                /** Format: int32 */
                attempts: number;
                cancel_reason?: string | null;
                channel: components["schemas"]["TaskChannel"];
                /** Format: date-time */
                completed_at?: string | null;
                /** Format: int64 */
                department_id?: number | null;
                department_name?: string | null;
                detail: string;
                /** Format: date-time */
                due_from: string;
                /** Format: date-time */
                due_until: string;
                /** Format: int64 */
                id: number;
                kind: components["schemas"]["TaskKind"];
                /** Format: int32 */
                max_attempts: number;
                mrn: string;
                /** Format: date-time */
                next_attempt_at?: string | null;
                outcome?: string | null;
                overdue: boolean;
                /** Format: int64 */
                patient_id: number;
                patient_name: string;
                /** @description Masked; reveal on the patient card (audited). */
                phone_masked?: string | null;
                priority: components["schemas"]["TaskPriority"];
                /** Format: int64 */
                questionnaire_id?: number | null;
                /** Format: int64 */
                rule_id?: number | null;
                status: components["schemas"]["TaskStatus"];
                title: string;
                /** Format: int64 */
                visit_id?: number | null;
            }[];
            /** Format: int64 */
            page: number;
            /** Format: int64 */
            per_page: number;
            /** Format: int64 */
            total: number;
        };
        Page_Ticket: {
            items: {
                anonymous: boolean;
                call_uuid?: string | null;
                /** Format: date-time */
                closed_at?: string | null;
                /** Format: int64 */
                compensation_cents?: number | null;
                compensation_status: components["schemas"]["CompensationStatus"];
                contact_name: string;
                /** @description Masked. */
                contact_phone?: string | null;
                content: string;
                /** Format: date-time */
                created_at: string;
                /** Format: int64 */
                department_id?: number | null;
                department_ids: number[];
                department_name?: string | null;
                /**
                 * Format: int32
                 * @description 0 none, 1 department head told, 2 hospital office told.
                 */
                escalation_level: number;
                /** Format: date-time */
                first_responded_at?: string | null;
                /** Format: date-time */
                first_response_due: string;
                /** Format: int64 */
                id: number;
                kind: components["schemas"]["TicketKind"];
                number: string;
                /** Format: int64 */
                patient_id?: number | null;
                patient_mrn?: string | null;
                /** @description The patient's name and MRN (none on an anonymous ticket). */
                patient_name?: string | null;
                /**
                 * Format: date-time
                 * @description The SLA clock is stopped (waiting for the patient) since then.
                 */
                paused_at?: string | null;
                /** Format: date-time */
                resolution_due: string;
                /** Format: date-time */
                resolved_at?: string | null;
                /** Format: int32 */
                satisfaction?: number | null;
                severity: components["schemas"]["TicketSeverity"];
                source: components["schemas"]["TicketSource"];
                source_ref?: string | null;
                staff_name: string;
                /** Format: int64 */
                staff_user_id?: number | null;
                status: components["schemas"]["TicketStatus"];
                topic: string;
            }[];
            /** Format: int64 */
            page: number;
            /** Format: int64 */
            per_page: number;
            /** Format: int64 */
            total: number;
        };
        PatientCard: {
            contacts: components["schemas"]["Contact"][];
            patient: components["schemas"]["PatientDetail"];
            visits: components["schemas"]["Visit"][];
        };
        PatientDetail: components["schemas"]["PatientSummary"] & {
            address?: string | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        PatientRecord: {
            blocks: components["schemas"]["Block"][];
            /**
             * Format: int64
             * @description Counted apart: a cancellation is not a no-show.
             */
            cancellations: number;
            /** Format: int64 */
            no_shows: number;
            /** Format: int64 */
            no_shows_in_window: number;
            /** Format: int64 */
            patient_id: number;
        };
        /** @description One of a patient's answer sheets, for the patient card. */
        PatientResponse: {
            /** Format: date */
            answered_on: string;
            channel: components["schemas"]["ResponseChannel"];
            /** Format: int64 */
            followup_task_id?: number | null;
            /** Format: int64 */
            id: number;
            /** Format: double */
            max_score?: number | null;
            /** Format: int64 */
            questionnaire_id: number;
            questionnaire_name: string;
            satisfaction?: string | null;
            /** Format: double */
            score?: number | null;
        };
        /** @description A patient as list views show it: phone and ID numbers masked. */
        PatientSummary: {
            /** Format: int32 */
            age?: number | null;
            /** Format: date */
            birth_date?: string | null;
            department_names: string[];
            /** Format: int64 */
            id: number;
            id_card_masked?: string | null;
            /** Format: date-time */
            last_visit_at?: string | null;
            /** @description Medical record number (病案号), unique within the hospital. */
            mrn: string;
            name: string;
            phones_masked: string[];
            sex: components["schemas"]["Sex"];
            tags: components["schemas"]["PatientTag"][];
        };
        /** @enum {string} */
        PatientTag: "vip" | "do_not_contact" | "deceased";
        /** @enum {string} */
        Permission: "patient.read" | "patient.write" | "patient.reveal" | "screen_pop" | "department.manage" | "user.manage" | "audit.read" | "stats.read" | "job.manage" | "sms.send" | "sms.manage" | "notification.send" | "hl7.manage" | "import.run" | "followup.work" | "followup.manage" | "call.write" | "call.read" | "recording.play" | "agent.monitor" | "survey.manage" | "survey.respond" | "appointment.book" | "appointment.manage" | "evaluation.submit" | "evaluation.read" | "evaluation.manage" | "feedback.read" | "feedback.write" | "feedback.approve" | "knowledge.read" | "knowledge.write" | "knowledge.publish" | "staff_directory.read";
        Plan: {
            active: boolean;
            /** Format: int64 */
            department_id: number;
            /** Format: date */
            first_date: string;
            /** Format: int64 */
            id: number;
            /** Format: int32 */
            interval_days: number;
            name: string;
            patient_ids: number[];
            /** Format: int32 */
            round_count: number;
            rounds: components["schemas"]["PlanRound"][];
            sms_body: string;
        };
        PlanInput: {
            /** Format: int64 */
            department_id: number;
            /** Format: date */
            first_date: string;
            /** Format: int32 */
            interval_days: number;
            name: string;
            patient_ids?: number[];
            /** Format: int32 */
            round_count: number;
            /** @description One entry per round; the last repeats when there are fewer. */
            rounds: components["schemas"]["PlanRound"][];
            /** @description The text of SMS rounds (`{{name}}` is the patient's name). */
            sms_body?: string;
        };
        PlanPatients: {
            patient_ids: number[];
        };
        PlanRound: {
            channel?: components["schemas"]["TaskChannel"];
            /** Format: int64 */
            questionnaire_id?: number | null;
        };
        /** @description A parsed row as the preview table shows it. */
        PreviewRow: {
            /** Format: int32 */
            row: number;
            /** @description Field name → value as understood (dates as YYYY-MM-DD). */
            values: {
                [key: string]: string;
            };
        };
        /** @description An RFC 9457 problem document; every error the API returns is one. */
        Problem: {
            /** @description Stable machine-readable code, e.g. `validation_failed`, `forbidden`. */
            code: string;
            /** @description Human-readable explanation naming what is wrong and where. */
            detail: string;
            /** @description The offending field, as a JSON path (`phones[1]`), when there is one. */
            field?: string | null;
            /** Format: int32 */
            status: number;
            title: string;
            type: string;
        };
        /** @description What the anonymous submitter sees: no names, no departments. */
        Progress: {
            /** Format: date-time */
            created_at: string;
            kind: components["schemas"]["TicketKind"];
            number: string;
            replies: components["schemas"]["ProgressReply"][];
            /** Format: date-time */
            resolved_at?: string | null;
            status: components["schemas"]["TicketStatus"];
            topic: string;
        };
        ProgressReply: {
            /** Format: date-time */
            at: string;
            body: string;
            channel?: null | components["schemas"]["ReplyChannel"];
        };
        ProgressRequest: {
            code: string;
            number: string;
        };
        PublicAnswers: {
            answers: Record<string, never>;
        };
        /** @description A booking by the patient themselves. */
        PublicHoldRequest: {
            /** @description The client's own id of this request: a retry returns the same booking. */
            client_ref?: string | null;
            /** @description Book at once instead of holding for `hold_minutes`. */
            confirm?: boolean;
            /** @description Resident ID (居民身份证号), checked with its check digit. */
            id_card: string;
            name: string;
            /** @description Mobile number; must be one the hospital has for an existing patient. */
            phone: string;
            /** Format: int64 */
            session_id: number;
            /** Format: int64 */
            slot_id?: number | null;
        };
        /** @description What a public form or a kiosk shows: the questionnaire, no patient data. */
        PublicQuestionnaire: {
            content: components["schemas"]["QuestionnaireTemplate"];
            /**
             * Format: int32
             * @description Kiosks: reset after this many idle seconds.
             */
            idle_seconds?: number | null;
            title: string;
            /** Format: int64 */
            version_id: number;
        };
        Question: {
            id: string;
            /**
             * @description Branching: the first jump whose condition holds decides the next
             *     question; jumps only go forward (so a path can never loop).
             */
            jumps?: components["schemas"]["Jump"][];
            kind: components["schemas"]["QuestionKind"];
            /** Format: double */
            max?: number | null;
            /** Format: double */
            min?: number | null;
            /** @description Where to go when no jump applies; default: the next question. */
            next?: string | null;
            /** @description Choices (single, multiple) or the column choices of a matrix. */
            options?: components["schemas"]["Choice"][];
            required?: boolean;
            /** @description Matrix rows. */
            rows?: components["schemas"]["MatrixRow"][];
            text: string;
        };
        /** @enum {string} */
        QuestionKind: "single_choice" | "multiple_choice" | "rating5" | "rating10" | "nps" | "text" | "number" | "date" | "matrix";
        /** @enum {string} */
        QuestionnaireCategory: "satisfaction" | "staff" | "general";
        QuestionnaireDetail: components["schemas"]["QuestionnaireSummary"] & {
            /** @description The latest version (the draft when there is one). */
            latest: components["schemas"]["VersionDetail"];
            versions: components["schemas"]["VersionInfo"][];
        };
        QuestionnaireSummary: {
            category: components["schemas"]["QuestionnaireCategory"];
            code: string;
            /** Format: int32 */
            current_version?: number | null;
            /**
             * Format: int64
             * @description The version new responses are given on (the latest published).
             */
            current_version_id?: number | null;
            /**
             * Format: int32
             * @description A draft waiting to be published, if any.
             */
            draft_version?: number | null;
            /** Format: int64 */
            id: number;
            name: string;
            /** Format: int64 */
            responses: number;
            /** Format: date-time */
            updated_at: string;
        };
        /**
         * @description The content of one questionnaire version. Answers are a map from
         *     question id to a JSON value (see [`QuestionKind`] for each shape).
         */
        QuestionnaireTemplate: {
            description?: string;
            /** @description Answers that open a callback task. */
            rules?: components["schemas"]["AnswerRule"][];
            /**
             * @description The question whose answer classifies a response's satisfaction (the
             *     "overall satisfaction" item); defaults to the first question that
             *     can be classified.
             */
            satisfaction_question?: string | null;
            sections: components["schemas"]["Section"][];
            title: string;
        };
        QuestionStats: {
            /** Format: int64 */
            answered: number;
            /** Format: double */
            average?: number | null;
            distribution: components["schemas"]["AnswerCount"][];
            id: string;
            kind: string;
            text: string;
        };
        Rating: {
            /** Format: int64 */
            clerk_id?: number | null;
            clerk_name?: string | null;
            /** Format: int64 */
            department_id: number;
            device_id: string;
            /** Format: int64 */
            event_seq: number;
            /** Format: int64 */
            id: number;
            /** Format: int32 */
            key: number;
            label: string;
            /** Format: int32 */
            layout: number;
            /** Format: int64 */
            patient_id?: number | null;
            /** Format: date-time */
            pressed_at: string;
            prompted: boolean;
            /** Format: date-time */
            received_at: string;
            /**
             * Format: int32
             * @description 1..=5 on every layout (see docs/evaluator-protocol.md §6).
             */
            score: number;
            /** Format: int64 */
            window_id: number;
            window_name: string;
        };
        Reassign: {
            /**
             * Format: int64
             * @description The new assignee; `null` returns the task to the pool.
             */
            user_id?: number | null;
        };
        ReceiptAnswer: {
            /** @description Receipts matched to a sent message. */
            applied: number;
            /** @description Receipts for ids not (yet) known; they are tried again for a while. */
            pending: number;
        };
        /**
         * @description A short-lived address to stream a recording from; the play is audited
         *     when it is issued. Range requests on it answer 206.
         */
        RecordingPlay: {
            content_type: string;
            /** Format: date-time */
            expires_at: string;
            /** Format: int64 */
            size: number;
            url: string;
        };
        /** @description Starts (or resumes) the upload of a call's recording. */
        RecordingStart: {
            content_type?: string | null;
            /** @description Lower-case hex SHA-256 of the whole file. */
            sha256: string;
            /** Format: int64 */
            size: number;
        };
        /** @description Where an upload stands: the next byte the server expects is `received`. */
        RecordingStatus: {
            call_uuid: string;
            /** @description All bytes arrived and the checksum matched. */
            complete: boolean;
            /** Format: int64 */
            received: number;
            sha256: string;
            /** Format: int64 */
            size: number;
        };
        RecordOutcome: {
            /** @description The telephony system's call id, when the call went through it. */
            call_id?: string | null;
            /**
             * Format: date-time
             * @description Required for `call_back`: when the patient asked to be called.
             */
            callback_at?: string | null;
            note?: string;
            outcome: components["schemas"]["AttemptOutcome"];
        };
        Reminded: {
            reminded: number;
        };
        /** @enum {string} */
        ReplyChannel: "sms" | "phone";
        ReplyRequest: {
            body: string;
            call_uuid?: string | null;
            channel: components["schemas"]["ReplyChannel"];
        };
        Report: {
            /** Format: int64 */
            cancellations: number;
            /** Format: int64 */
            capacity: number;
            channels: components["schemas"]["ChannelCount"][];
            /** Format: int64 */
            checked_in: number;
            days: components["schemas"]["DayUse"][];
            /** Format: date */
            from: string;
            /**
             * Format: double
             * @description no-shows / (no-shows + checked in); 0 when nothing is settled.
             */
            no_show_rate: number;
            /** Format: int64 */
            no_shows: number;
            /** Format: double */
            slot_use_rate: number;
            /**
             * Format: int64
             * @description Slots taken by a live or settled appointment.
             */
            slots_used: number;
            /** Format: date */
            to: string;
        };
        RescheduleRequest: {
            /** Format: int64 */
            session_id: number;
            /** Format: int64 */
            slot_id?: number | null;
        };
        ResetPasswordRequest: {
            password: string;
        };
        /**
         * @description How a notice is resolved. `rebooked` books the patient into
         *     `session_id` (default: the offered session), first free number unless
         *     `slot_id`.
         */
        ResolveRequest: {
            note?: string | null;
            outcome: components["schemas"]["NoticeOutcome"];
            /** Format: int64 */
            session_id?: number | null;
            /** Format: int64 */
            slot_id?: number | null;
        };
        ResolveTime: {
            /** Format: double */
            average_hours: number;
            /** Format: double */
            median_hours: number;
            /** Format: int64 */
            resolved: number;
        };
        /** @enum {string} */
        ResponseChannel: "phone" | "kiosk" | "sms_link" | "staff" | "web";
        ResponseDetail: {
            /** Format: date */
            answered_on: string;
            answers: Record<string, never>;
            /** @description Callback tasks the answers opened. */
            callback_task_ids: number[];
            channel: components["schemas"]["ResponseChannel"];
            /** Format: int64 */
            department_id?: number | null;
            /** Format: int64 */
            followup_task_id?: number | null;
            /** Format: int64 */
            id: number;
            /** Format: double */
            max_score?: number | null;
            /** Format: int64 */
            patient_id?: number | null;
            /** Format: int64 */
            questionnaire_id: number;
            satisfaction?: string | null;
            /** Format: double */
            score?: number | null;
            /** Format: int32 */
            version: number;
            /** Format: int64 */
            version_id: number;
        };
        /** @enum {string} */
        RevealField: "phone" | "id_card";
        RevealRequest: {
            field: components["schemas"]["RevealField"];
        };
        RevealResponse: {
            values: string[];
        };
        ReviewRequest: {
            approve: boolean;
            note?: string;
        };
        Revisit: {
            /** Format: int64 */
            department_id: number;
            /** Format: date */
            due_date: string;
            /** Format: int64 */
            id: number;
            /** Format: int64 */
            patient_id: number;
            reminded: boolean;
            /** Format: int64 */
            task_id?: number | null;
        };
        /** @enum {string} */
        Role: "admin" | "agent" | "doctor" | "nurse" | "clerk" | "manager" | "auditor";
        Round: {
            channel?: components["schemas"]["TaskChannel"];
            /**
             * Format: int32
             * @description Window in days after discharge, inclusive.
             */
            from_day: number;
            /** Format: int64 */
            questionnaire_id?: number | null;
            /** Format: int32 */
            to_day: number;
        };
        RouteRequest: {
            /** Format: int64 */
            department_id: number;
            note?: string;
        };
        /**
         * @description A problem in one cell (or row) of the file. `row` is the Excel row
         *     number the user sees.
         */
        RowError: {
            /** @description The header as written in the file (出院日期), or "" for the row. */
            column: string;
            message: string;
            /** Format: int32 */
            row: number;
        };
        Rule: {
            active: boolean;
            /** Format: int64 */
            department_id?: number | null;
            icd_codes: string;
            /** Format: int64 */
            id: number;
            kind: components["schemas"]["RuleKind"];
            name: string;
            /** Format: date */
            period_from?: string | null;
            /** Format: date */
            period_to?: string | null;
            rounds: components["schemas"]["Round"][];
            /**
             * Format: int64
             * @description Tasks this rule made so far.
             */
            task_count: number;
        };
        RuleInput: {
            active?: boolean;
            /** Format: int64 */
            department_id?: number | null;
            /** @description ICD-10 prefixes and inclusive ranges: `I20-I25, I50`. Empty = all. */
            icd_codes?: string;
            kind?: components["schemas"]["RuleKind"];
            name: string;
            /**
             * Format: date
             * @description Research: discharges in this period (local dates, inclusive).
             */
            period_from?: string | null;
            /** Format: date */
            period_to?: string | null;
            rounds: components["schemas"]["Round"][];
        };
        /** @enum {string} */
        RuleKind: "discharge" | "research";
        /**
         * @description The five-point satisfaction scale hospitals report on.
         * @enum {string}
         */
        Satisfaction: "very_satisfied" | "satisfied" | "neutral" | "dissatisfied" | "very_dissatisfied";
        SatisfactionRequest: {
            note?: string;
            /**
             * Format: int32
             * @description 1 (very dissatisfied) to 5 (very satisfied).
             */
            score: number;
        };
        /**
         * @description Satisfaction of one department in one month (`department_id` null:
         *     the whole hospital; `month` "all": the whole range).
         */
        SatisfactionRow: {
            /** Format: int64 */
            department_id?: number | null;
            department_name: string;
            month: string;
            /**
             * Format: double
             * @description satisfied / valid in percent, one decimal.
             */
            rate?: number | null;
            /**
             * Format: int64
             * @description 非常满意 + 满意.
             */
            satisfied: number;
            /**
             * Format: int64
             * @description Responses with a valid answer to the satisfaction question.
             */
            valid: number;
        };
        ScheduleGenerateResult: {
            /** Format: int64 */
            sessions_created: number;
            skipped_holidays: string[];
            /** Format: int64 */
            slots_created: number;
        };
        ScheduleTemplate: components["schemas"]["ScheduleTemplateInput"] & {
            /** Format: int64 */
            id: number;
        };
        /**
         * @description A weekly template: this doctor (or department) holds this session every
         *     such weekday.
         */
        ScheduleTemplateInput: {
            active?: boolean;
            /** Format: int64 */
            department_id: number;
            /** Format: int64 */
            doctor_id?: number | null;
            end_time: string;
            is_expert?: boolean;
            /**
             * Format: int32
             * @description Every n-th number is kept for the on-site window (0: none).
             */
            onsite_every?: number;
            /** @description Channel -> most live appointments of that channel in one session. */
            quotas?: {
                [key: string]: number;
            };
            session: components["schemas"]["SessionPeriod"];
            /** Format: int32 */
            slot_minutes: number;
            /** @description Local time, `HH:MM`. */
            start_time: string;
            title?: string;
            /**
             * Format: int32
             * @description ISO weekday, 1 = Monday ... 7 = Sunday.
             */
            weekday: number;
        };
        ScoreCell: {
            /** Format: int64 */
            count: number;
            label: string;
            /** Format: int32 */
            score: number;
        };
        ScreenPopMatch: {
            open_items: components["schemas"]["OpenItemCounts"];
            patient: components["schemas"]["PatientSummary"];
            recent_visits: components["schemas"]["Visit"][];
        };
        ScreenPopResponse: {
            matches: components["schemas"]["ScreenPopMatch"][];
            /** @description The caller's number as normalised for lookup. */
            number: string;
        };
        SearchHit: {
            category: string;
            /** Format: int64 */
            id: number;
            /** Format: int64 */
            score: number;
            snippet: components["schemas"]["Segment"][];
            tags: string[];
            title: string;
            title_highlight: components["schemas"]["Segment"][];
        };
        Section: {
            id: string;
            questions: components["schemas"]["Question"][];
            title: string;
        };
        /** @description A piece of highlighted text. */
        Segment: {
            hit: boolean;
            text: string;
        };
        /** @description A session as the booking console shows it. */
        Session: {
            /** Format: int32 */
            capacity: number;
            /** Format: date */
            day: string;
            /** Format: int64 */
            department_id: number;
            department_name: string;
            /** Format: int64 */
            doctor_id?: number | null;
            doctor_name?: string | null;
            /** Format: date-time */
            ends_at: string;
            /**
             * Format: int64
             * @description Numbers still free (on-site reserved ones included).
             */
            free: number;
            /** Format: int64 */
            id: number;
            is_expert: boolean;
            /** Format: int32 */
            onsite_every: number;
            quotas: {
                [key: string]: number;
            };
            /** Format: date-time */
            release_at: string;
            session: components["schemas"]["SessionPeriod"];
            /** Format: int32 */
            slot_minutes: number;
            /** Format: date-time */
            starts_at: string;
            status: components["schemas"]["SessionStatus"];
            suspend_reason?: string | null;
            title: string;
            /** Format: int64 */
            waitlist: number;
        };
        SessionDetail: {
            session: components["schemas"]["Session"];
            slots: components["schemas"]["Slot"][];
        };
        /** @enum {string} */
        SessionPeriod: "morning" | "afternoon" | "evening";
        /** @enum {string} */
        SessionStatus: "open" | "suspended";
        /** @description Sets (or, with null, clears) a user's mobile phone. */
        SetUserPhone: {
            phone?: string | null;
        };
        /** @enum {string} */
        Sex: "male" | "female" | "unknown";
        Sla: {
            /**
             * Format: double
             * @description resolved_on_time / resolved_total, percent (100 with none).
             */
            compliance_percent: number;
            /** Format: int64 */
            first_response_on_time: number;
            /**
             * Format: int64
             * @description Tickets whose first response is due or done.
             */
            first_response_total: number;
            /**
             * Format: int64
             * @description Open tickets past their resolution deadline.
             */
            open_overdue: number;
            /** Format: int64 */
            resolved_on_time: number;
            /**
             * Format: int64
             * @description Resolved tickets, and those resolved by their deadline.
             */
            resolved_total: number;
        };
        Slot: {
            /** Format: date-time */
            ends_at: string;
            /** Format: int64 */
            id: number;
            reserved_for?: null | components["schemas"]["BookingChannel"];
            /** Format: int32 */
            seq: number;
            /** Format: date-time */
            starts_at: string;
            status: components["schemas"]["SlotStatus"];
        };
        /** @enum {string} */
        SlotStatus: "free" | "held" | "booked";
        SmsMessage: {
            /** Format: int32 */
            attempts: number;
            body: string;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            delivered_at?: string | null;
            /** Format: int64 */
            id: number;
            /** Format: int64 */
            job_id?: number | null;
            /** Format: int32 */
            parts: number;
            /** Format: int64 */
            patient_id?: number | null;
            /** @description Always masked (reveal on the patient card, which is audited). */
            phone: string;
            provider?: string | null;
            /**
             * @description Why it is held or failed (`quiet_hours`, `rate_limited`, `opted_out`,
             *     `do_not_contact`, or the provider's error).
             */
            reason?: string | null;
            /** Format: date-time */
            sent_at?: string | null;
            status: components["schemas"]["SmsStatus"];
            urgent: boolean;
        };
        SmsOptOut: {
            /** Format: date-time */
            created_at: string;
            /** Format: int64 */
            id: number;
            phone: string;
            reason: string;
        };
        /** @enum {string} */
        SmsStatus: "queued" | "held" | "sent" | "delivered" | "failed";
        SmsTemplate: {
            active: boolean;
            /** @description Text with `{{variable}}` placeholders; see [`SMS_TEMPLATE_VARIABLES`]. */
            body: string;
            code: string;
            /** Format: date-time */
            created_at: string;
            /** Format: int64 */
            id: number;
            name: string;
            /** Format: date-time */
            updated_at: string;
        };
        StaffAssignee: {
            /** Format: date */
            answered_on?: string | null;
            department_name?: string | null;
            display_name: string;
            /** Format: date */
            reminded_on?: string | null;
            role: string;
            /** Format: int64 */
            user_id: number;
            username: string;
        };
        /** @enum {string} */
        StaffGroup: "nursing" | "medical_technology" | "pharmacy" | "doctors" | "logistics" | "administration" | "custom";
        StaffSurvey: {
            anonymous: boolean;
            /** Format: int64 */
            answered: number;
            /** @description Whether the caller is assigned and has answered (for "my surveys"). */
            answered_by_me?: boolean | null;
            /** Format: int64 */
            assigned: number;
            /** Format: date */
            due_on?: string | null;
            /** Format: int64 */
            id: number;
            /** Format: int64 */
            questionnaire_id: number;
            staff_group: components["schemas"]["StaffGroup"];
            title: string;
            /** Format: int64 */
            version_id: number;
        };
        StaffSurveyDetail: components["schemas"]["StaffSurvey"] & {
            assignees: components["schemas"]["StaffAssignee"][];
        };
        /** @enum {string} */
        StatsSheet: "all" | "workload" | "coverage" | "contact" | "trend";
        StatusRequest: {
            note?: string;
            status: components["schemas"]["TicketStatus"];
        };
        Surgery: {
            department: string;
            /** Format: int64 */
            department_id: number;
            /** Format: int64 */
            id: number;
            mrn: string;
            name: string;
            operation: string;
            room: string;
            start_time: string;
            /** Format: date */
            surgery_on: string;
        };
        SurveyLink: {
            /** Format: date-time */
            expires_at: string;
            /** Format: int64 */
            id: number;
            /** Format: int64 */
            sms_message_id?: number | null;
            token: string;
            /** @description The address of the public form (relative unless `[surveys] public_base_url` is set). */
            url: string;
        };
        SurveyStats: {
            /** Format: double */
            average_score?: number | null;
            /** @description Per department per month. */
            by_department: components["schemas"]["SatisfactionRow"][];
            /** @description Per department over the whole range. */
            departments: components["schemas"]["SatisfactionRow"][];
            /** @description Hospital per month (the trend). */
            monthly: components["schemas"]["SatisfactionRow"][];
            name: string;
            /** @description Overall, whole range. */
            overall: components["schemas"]["SatisfactionRow"];
            /** Format: int64 */
            questionnaire_id: number;
            questions: components["schemas"]["QuestionStats"][];
            /** Format: int64 */
            responses: number;
            texts: components["schemas"]["TextAnswer"][];
        };
        SuspendRequest: {
            reason: string;
        };
        SuspendResult: {
            notices: components["schemas"]["Notice"][];
            /** Format: int64 */
            session_id: number;
        };
        Task: {
            /** Format: int64 */
            assignee_id?: number | null;
            assignee_name?: string | null;
            /** Format: int32 */
            attempts: number;
            cancel_reason?: string | null;
            channel: components["schemas"]["TaskChannel"];
            /** Format: date-time */
            completed_at?: string | null;
            /** Format: int64 */
            department_id?: number | null;
            department_name?: string | null;
            detail: string;
            /** Format: date-time */
            due_from: string;
            /** Format: date-time */
            due_until: string;
            /** Format: int64 */
            id: number;
            kind: components["schemas"]["TaskKind"];
            /** Format: int32 */
            max_attempts: number;
            mrn: string;
            /** Format: date-time */
            next_attempt_at?: string | null;
            outcome?: string | null;
            overdue: boolean;
            /** Format: int64 */
            patient_id: number;
            patient_name: string;
            /** @description Masked; reveal on the patient card (audited). */
            phone_masked?: string | null;
            priority: components["schemas"]["TaskPriority"];
            /** Format: int64 */
            questionnaire_id?: number | null;
            /** Format: int64 */
            rule_id?: number | null;
            status: components["schemas"]["TaskStatus"];
            title: string;
            /** Format: int64 */
            visit_id?: number | null;
        };
        /** @enum {string} */
        TaskChannel: "phone" | "sms";
        /**
         * @description The follow-up screen: the task, who the patient is (masked), the visit
         *     it is about and the attempts so far.
         */
        TaskDetail: {
            /** Format: int32 */
            age?: number | null;
            attempts: components["schemas"]["Attempt"][];
            phones_masked: string[];
            sex: components["schemas"]["Sex"];
            tags: components["schemas"]["PatientTag"][];
            task: components["schemas"]["Task"];
            visit?: null | components["schemas"]["Visit"];
        };
        /** @description What one generator run made. */
        TaskGenerateResult: {
            administrative: number;
            department: number;
            discharge: number;
            overdue: number;
            research: number;
            revisit: number;
            sms: number;
        };
        /** @enum {string} */
        TaskKind: "discharge" | "administrative" | "department" | "research" | "physical_exam" | "outpatient" | "revisit" | "callback";
        /** @enum {string} */
        TaskPriority: "normal" | "urgent";
        /** @enum {string} */
        TaskStatus: "pending" | "in_progress" | "completed" | "failed" | "cancelled";
        /** @enum {string} */
        TaskStatusFilter: "open" | "all" | "pending" | "in_progress" | "completed" | "failed" | "cancelled";
        TextAnswer: {
            /** Format: date */
            answered_on: string;
            department_name?: string | null;
            question_id: string;
            /** Format: int64 */
            response_id: number;
            text: string;
        };
        Ticket: {
            anonymous: boolean;
            call_uuid?: string | null;
            /** Format: date-time */
            closed_at?: string | null;
            /** Format: int64 */
            compensation_cents?: number | null;
            compensation_status: components["schemas"]["CompensationStatus"];
            contact_name: string;
            /** @description Masked. */
            contact_phone?: string | null;
            content: string;
            /** Format: date-time */
            created_at: string;
            /** Format: int64 */
            department_id?: number | null;
            department_ids: number[];
            department_name?: string | null;
            /**
             * Format: int32
             * @description 0 none, 1 department head told, 2 hospital office told.
             */
            escalation_level: number;
            /** Format: date-time */
            first_responded_at?: string | null;
            /** Format: date-time */
            first_response_due: string;
            /** Format: int64 */
            id: number;
            kind: components["schemas"]["TicketKind"];
            number: string;
            /** Format: int64 */
            patient_id?: number | null;
            patient_mrn?: string | null;
            /** @description The patient's name and MRN (none on an anonymous ticket). */
            patient_name?: string | null;
            /**
             * Format: date-time
             * @description The SLA clock is stopped (waiting for the patient) since then.
             */
            paused_at?: string | null;
            /** Format: date-time */
            resolution_due: string;
            /** Format: date-time */
            resolved_at?: string | null;
            /** Format: int32 */
            satisfaction?: number | null;
            severity: components["schemas"]["TicketSeverity"];
            source: components["schemas"]["TicketSource"];
            source_ref?: string | null;
            staff_name: string;
            /** Format: int64 */
            staff_user_id?: number | null;
            status: components["schemas"]["TicketStatus"];
            topic: string;
        };
        /** @enum {string} */
        TicketAction: "created" | "status" | "routed" | "comment" | "reply" | "satisfaction" | "compensation_requested" | "compensation_decided" | "escalated";
        TicketDetail: {
            history: components["schemas"]["HistoryRow"][];
            recording?: null | components["schemas"]["RecordingStatus"];
            ticket: components["schemas"]["Ticket"];
        };
        /** @enum {string} */
        TicketKind: "complaint" | "praise" | "suggestion";
        /** @enum {string} */
        TicketSeverity: "low" | "normal" | "high" | "critical";
        /** @enum {string} */
        TicketSource: "phone" | "followup" | "questionnaire" | "evaluator" | "walk_in" | "web_form" | "letter";
        /** @enum {string} */
        TicketStatus: "new" | "assigned" | "in_progress" | "waiting_patient" | "resolved" | "closed" | "reopened";
        /** @description One line of the inquiry screen's expert clinic timetable. */
        TimetableEntry: {
            /** Format: date */
            day: string;
            /** Format: int64 */
            department_id: number;
            department_name: string;
            /** Format: int64 */
            doctor_id?: number | null;
            doctor_name?: string | null;
            /** Format: int64 */
            free: number;
            session: components["schemas"]["SessionPeriod"];
            /** Format: int64 */
            session_id: number;
            status: components["schemas"]["SessionStatus"];
            title: string;
        };
        UnreadCount: {
            /** Format: int64 */
            unread: number;
        };
        UpdateApiKey: {
            active?: boolean | null;
            /** Format: int32 */
            per_minute?: number | null;
        };
        UpdateDepartment: {
            active?: boolean | null;
            kind?: null | components["schemas"]["DepartmentKind"];
            name?: string | null;
        };
        UpdateEvaluationWindow: {
            active?: boolean | null;
            /**
             * Format: int64
             * @description 0 unbinds the clerk.
             */
            clerk_id?: number | null;
            /** @description An empty string unbinds the device. */
            device_id?: string | null;
            /** Format: int32 */
            layout?: number | null;
            name?: string | null;
        };
        UpdatePatient: {
            address?: string | null;
            /** Format: date */
            birth_date?: string | null;
            id_card?: string | null;
            name?: string | null;
            /** @description Replaces the whole list of phone numbers. */
            phones?: string[] | null;
            sex?: null | components["schemas"]["Sex"];
            tags?: components["schemas"]["PatientTag"][] | null;
        };
        UpdateSmsTemplate: {
            active?: boolean | null;
            body?: string | null;
            name?: string | null;
        };
        UpdateUser: {
            /** Format: int64 */
            department_id?: number | null;
            /** @description Disabling a user also ends all of their sessions at once. */
            disabled?: boolean | null;
            display_name?: string | null;
            role?: null | components["schemas"]["Role"];
            /** @description Clears a lock-out after repeated failed logins. */
            unlock?: boolean | null;
        };
        User: {
            /** Format: int64 */
            department_id?: number | null;
            department_name?: string | null;
            disabled: boolean;
            display_name: string;
            /** Format: int64 */
            id: number;
            /** Format: date-time */
            last_login_at?: string | null;
            /** Format: date-time */
            locked_until?: string | null;
            /**
             * @description The user's mobile phone, masked (138****0009); the department
             *     manager's low-rating SMS goes there.
             */
            phone?: string | null;
            role: components["schemas"]["Role"];
            username: string;
        };
        UserCount: {
            /** Format: int64 */
            count: number;
            /** Format: int64 */
            user_id: number;
        };
        Version: {
            body: string;
            category: string;
            /** Format: date-time */
            created_at: string;
            review_note?: string | null;
            /** Format: date-time */
            reviewed_at?: string | null;
            status: components["schemas"]["KbVersionStatus"];
            tags: string[];
            title: string;
            /** Format: int32 */
            version: number;
        };
        VersionDetail: components["schemas"]["VersionInfo"] & {
            content: components["schemas"]["QuestionnaireTemplate"];
            questionnaire_name: string;
        };
        VersionInfo: {
            /** Format: int64 */
            id: number;
            /** Format: int32 */
            number: number;
            /** Format: date-time */
            published_at?: string | null;
            /** Format: int64 */
            questionnaire_id: number;
            status: components["schemas"]["VersionStatus"];
        };
        /** @enum {string} */
        VersionStatus: "draft" | "published";
        Visit: {
            /** Format: date-time */
            admitted_at: string;
            attending_doctor?: string | null;
            /** Format: int64 */
            department_id: number;
            department_name: string;
            diagnoses: components["schemas"]["Diagnosis"][];
            /** Format: date-time */
            discharged_at?: string | null;
            /** Format: int64 */
            id: number;
            kind: components["schemas"]["VisitKind"];
            /** @description The HIS's visit number (就诊号 / 住院号). */
            visit_no: string;
            ward?: string | null;
        };
        /** @enum {string} */
        VisitKind: "outpatient" | "inpatient";
        WaitEntry: {
            /** Format: int64 */
            appointment_id?: number | null;
            channel: components["schemas"]["BookingChannel"];
            /** Format: date-time */
            created_at: string;
            /** Format: int64 */
            id: number;
            /** Format: date-time */
            offer_expires_at?: string | null;
            /** Format: int64 */
            patient_id: number;
            patient_name: string;
            /** Format: int64 */
            session_id: number;
            /** Format: int64 */
            sms_id?: number | null;
            status: components["schemas"]["WaitlistStatus"];
        };
        /** @enum {string} */
        WaitlistStatus: "waiting" | "offered" | "accepted" | "expired" | "cancelled";
        /** @description What a patient sends from the public web form. */
        WebFormTicket: {
            anonymous?: boolean;
            content: string;
            /**
             * @description Hospital code (the form's link carries it); may be left out when
             *     the installation has one hospital.
             */
            hospital?: string | null;
            kind: components["schemas"]["TicketKind"];
            /** @description Required unless anonymous. */
            name?: string;
            phone?: string | null;
            topic: string;
        };
        Workbench: {
            /** @description My open tasks with a call-back promised for today. */
            callbacks_today: components["schemas"]["Task"][];
            /** @description My open tasks due by the end of today, in queue order (first 20). */
            due_now: components["schemas"]["Task"][];
            /** Format: int64 */
            due_now_total: number;
            /**
             * @description Calls that rang on my phone today, went unanswered, and have not been
             *     answered or returned since.
             */
            missed_calls: components["schemas"]["MissedCall"][];
            numbers: components["schemas"]["DayNumbers"];
        };
        Workload: {
            /** Format: int64 */
            attempts: number;
            /** Format: int64 */
            completed: number;
            name: string;
            /** Format: int64 */
            reached: number;
            /** Format: int64 */
            user_id: number;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
